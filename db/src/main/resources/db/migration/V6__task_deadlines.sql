-- Deadline steps of manual tasks (config.sla): what fired and when, the roles a task was escalated to,
-- and where people are told (a user's e-mail address).
CREATE TABLE workflow_task_events (
    id                    BIGSERIAL    PRIMARY KEY,
    workflow_instance_id  BIGINT       NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    activity_code         VARCHAR(100) NOT NULL,
    instance_id           VARCHAR(255) NOT NULL DEFAULT '',
    event                 VARCHAR(16)  NOT NULL CHECK (event IN ('remind', 'reassign', 'escalate', 'complete')),
    role                  VARCHAR(100),
    due_at                TIMESTAMPTZ,
    note                  TEXT,
    occurred_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ix_workflow_task_events_run ON workflow_task_events (workflow_instance_id, occurred_at);

ALTER TABLE workflow_activities ADD COLUMN escalated_roles TEXT[] NOT NULL DEFAULT '{}';

ALTER TABLE cadre_users ADD COLUMN email VARCHAR(320) CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$');
