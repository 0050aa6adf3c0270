-- Temporal's history counts per run (issue 17): one row per workflow execution a run has used (its
-- first run, each continued-as-new run, each fan-out batch and batch compensation), written by the
-- workflow when the execution starts or ends, so a run's detail never walks Temporal's histories.
CREATE TABLE workflow_executions (
    workflow_instance_id  BIGINT       NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    -- the Temporal run id of a run's own execution, or the workflow id of a batch (child workflow)
    execution_id          VARCHAR(300) NOT NULL,
    -- history events when it ended; 0 while it runs
    events                INTEGER      NOT NULL DEFAULT 0 CHECK (events >= 0),
    ended_at              TIMESTAMPTZ,
    CONSTRAINT pk_workflow_executions PRIMARY KEY (workflow_instance_id, execution_id)
);
