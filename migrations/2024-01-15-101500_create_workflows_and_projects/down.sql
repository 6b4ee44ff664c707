DROP TABLE areas;
DROP TABLE projects;
DROP TABLE workflow_statuses;
DROP TABLE workflows;
