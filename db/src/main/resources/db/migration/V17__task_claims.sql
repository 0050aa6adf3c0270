-- Claims of waiting manual tasks: who is working on a task, so that two people do not. One row per
-- task of a run (instance '' when the task has none); a completion ends the claim.
CREATE TABLE workflow_task_claims (
    workflow_id    VARCHAR(255) NOT NULL,
    activity_code  VARCHAR(100) NOT NULL,
    instance_id    VARCHAR(255) NOT NULL DEFAULT '',
    claimed_by     VARCHAR(200) NOT NULL,
    claimed_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (workflow_id, activity_code, instance_id)
);
CREATE INDEX ix_workflow_task_claims_person ON workflow_task_claims (claimed_by);
