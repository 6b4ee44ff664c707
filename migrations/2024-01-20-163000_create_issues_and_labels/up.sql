-- Issues with a status from their project's workflow, parent/child nesting and relations
-- (blocks, relates to, duplicates), and labels.
CREATE TABLE issues (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status_id   TEXT NOT NULL REFERENCES workflow_statuses (id),
    priority    INTEGER NOT NULL DEFAULT 0,
    area_id     TEXT REFERENCES areas (id) ON DELETE SET NULL,
    parent_id   TEXT REFERENCES issues (id) ON DELETE SET NULL,
    reporter_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    assignee_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    closed_at   TIMESTAMP,
    CONSTRAINT issues_priority_range CHECK (priority BETWEEN 0 AND 4),
    CONSTRAINT issues_number_positive CHECK (number > 0),
    CONSTRAINT issues_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX issues_project_number_key ON issues (project_id, number);
CREATE INDEX issues_status_id_idx ON issues (status_id);
CREATE INDEX issues_assignee_id_idx ON issues (assignee_id);
CREATE INDEX issues_parent_id_idx ON issues (parent_id);

CREATE TABLE issue_relations (
    issue_id         TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    related_issue_id TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (issue_id, related_issue_id, kind),
    CONSTRAINT issue_relations_kind_check CHECK (kind IN ('blocks', 'relates', 'duplicates')),
    CONSTRAINT issue_relations_not_self CHECK (issue_id <> related_issue_id)
);
CREATE INDEX issue_relations_related_idx ON issue_relations (related_issue_id);

-- Labels; organization_id NULL marks the defaults every organization gets.
CREATE TABLE labels (
    id              TEXT PRIMARY KEY,
    organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    color           TEXT NOT NULL DEFAULT '#888888',
    description     TEXT NOT NULL DEFAULT '',
    CONSTRAINT labels_color_format CHECK (LENGTH(color) = 7 AND SUBSTR(color, 1, 1) = '#')
);
CREATE UNIQUE INDEX labels_organization_name_key ON labels (organization_id, name);

CREATE TABLE issue_labels (
    issue_id TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    label_id TEXT NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (issue_id, label_id)
);
CREATE INDEX issue_labels_label_id_idx ON issue_labels (label_id);
