-- The demo user. Sign in as demo@example.com with the password `demo-password`; the hash is
-- argon2id (m=65536, t=3, p=1), as the application stores it.
INSERT INTO users (id, email, display_name, password_hash, is_active) VALUES
    ('50000000-0000-4000-8000-000000000001', 'demo@example.com', 'Demo User',
     '$argon2id$v=19$m=65536,t=3,p=1$ZGJjdGwtZGVtby1zYWx0$UokU5S3rDlzWtJS9mb0CZydbtn4LHtBjqM8BXL1ONsE', TRUE),
    ('50000000-0000-4000-8000-000000000002', 'ada@example.com', 'Ada Lovelace', NULL, TRUE)
ON CONFLICT DO NOTHING;
