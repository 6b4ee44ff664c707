DROP TABLE issue_labels;
DROP TABLE labels;
DROP TABLE issue_relations;
DROP TABLE issues;
