-- Issue workflows (ordered statuses), projects and their areas.
CREATE TABLE workflows (
    id              TEXT PRIMARY KEY,
    organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    is_default      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX workflows_organization_id_idx ON workflows (organization_id);

CREATE TABLE workflow_statuses (
    id          TEXT PRIMARY KEY,
    workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    position    INTEGER NOT NULL,
    CONSTRAINT workflow_statuses_category_check
        CHECK (category IN ('backlog', 'unstarted', 'started', 'completed', 'canceled'))
);
CREATE UNIQUE INDEX workflow_statuses_workflow_key_key ON workflow_statuses (workflow_id, key);
CREATE UNIQUE INDEX workflow_statuses_workflow_position_key ON workflow_statuses (workflow_id, position);

CREATE TABLE projects (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    team_id         TEXT REFERENCES teams (id) ON DELETE SET NULL,
    workflow_id     TEXT NOT NULL REFERENCES workflows (id),
    key             TEXT NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    archived_at     TIMESTAMP,
    CONSTRAINT projects_key_format CHECK (key = UPPER(key))
);
CREATE UNIQUE INDEX projects_organization_key_key ON projects (organization_id, key);
CREATE INDEX projects_team_id_idx ON projects (team_id);

CREATE TABLE areas (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name       TEXT NOT NULL
);
CREATE UNIQUE INDEX areas_project_name_key ON areas (project_id, name);
