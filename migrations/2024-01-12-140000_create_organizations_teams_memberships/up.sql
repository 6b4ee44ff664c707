-- Organizations, their teams, and who belongs where with which role.
CREATE TABLE organizations (
    id         TEXT PRIMARY KEY,
    slug       TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT organizations_slug_format CHECK (slug = LOWER(slug) AND LENGTH(slug) BETWEEN 2 AND 64)
);
CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug);

CREATE TABLE teams (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    name            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX teams_organization_key_key ON teams (organization_id, key);

-- A membership of an organization (team_id NULL) or of one of its teams.
CREATE TABLE memberships (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    team_id         TEXT REFERENCES teams (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id         TEXT NOT NULL REFERENCES roles (id),
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX memberships_org_team_user_key ON memberships (organization_id, team_id, user_id);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);
CREATE INDEX memberships_team_id_idx ON memberships (team_id);
