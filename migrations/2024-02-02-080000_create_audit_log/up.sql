-- An append-only record of who did what. details holds JSON as text.
CREATE TABLE audit_events (
    id              TEXT PRIMARY KEY,
    occurred_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    actor_id        TEXT REFERENCES users (id) ON DELETE SET NULL,
    organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    action          TEXT NOT NULL,
    target_type     TEXT NOT NULL,
    target_id       TEXT,
    ip_address      TEXT,
    details         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_organization_time_idx ON audit_events (organization_id, occurred_at);
CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id);
