DROP TABLE role_permissions;
DROP TABLE permissions;
DROP TABLE roles;
