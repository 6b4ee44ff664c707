-- Which permissions each role grants.
INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id
FROM roles r, permissions p
WHERE (r.key = 'owner')
   OR (r.key = 'admin' AND p.key <> 'organization.delete')
   OR (r.key = 'member' AND p.key IN ('issues.write', 'issues.read'))
   OR (r.key = 'viewer' AND p.key = 'issues.read')
ON CONFLICT DO NOTHING;
