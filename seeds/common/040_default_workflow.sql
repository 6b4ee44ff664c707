-- The default workflow (organization_id NULL: available to every organization) and its statuses.
INSERT INTO workflows (id, organization_id, name, is_default) VALUES
    ('30000000-0000-4000-8000-000000000001', NULL, 'Default', TRUE)
ON CONFLICT DO NOTHING;

INSERT INTO workflow_statuses (id, workflow_id, key, name, category, position) VALUES
    ('31000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', 'backlog',     'Backlog',     'backlog',   1),
    ('31000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000001', 'todo',        'To Do',       'unstarted', 2),
    ('31000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000001', 'in_progress', 'In Progress', 'started',   3),
    ('31000000-0000-4000-8000-000000000004', '30000000-0000-4000-8000-000000000001', 'in_review',   'In Review',   'started',   4),
    ('31000000-0000-4000-8000-000000000005', '30000000-0000-4000-8000-000000000001', 'done',        'Done',        'completed', 5)
ON CONFLICT DO NOTHING;
