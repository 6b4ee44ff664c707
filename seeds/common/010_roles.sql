-- System roles every environment needs. Fixed ids, so re-running changes nothing.
INSERT INTO roles (id, key, name, description, is_system) VALUES
    ('10000000-0000-4000-8000-000000000001', 'owner',  'Owner',  'Full control, including billing and deleting the organization', TRUE),
    ('10000000-0000-4000-8000-000000000002', 'admin',  'Admin',  'Manages members, teams and projects', TRUE),
    ('10000000-0000-4000-8000-000000000003', 'member', 'Member', 'Creates and works on issues', TRUE),
    ('10000000-0000-4000-8000-000000000004', 'viewer', 'Viewer', 'Reads everything, changes nothing', TRUE)
ON CONFLICT DO NOTHING;
