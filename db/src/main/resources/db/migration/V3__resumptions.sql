-- A run continued from its records: after its Temporal server lost it, after an admin's resume of a
-- FAILED or CANCELLED run, or when it moved to another template version.
CREATE TABLE workflow_resumptions (
    id                    BIGSERIAL    PRIMARY KEY,
    workflow_instance_id  BIGINT       NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    resumed_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    from_status           VARCHAR(16)  NOT NULL,
    from_version          INTEGER      NOT NULL,
    to_version            INTEGER      NOT NULL,
    reason                TEXT         NOT NULL
);
CREATE INDEX ix_workflow_resumptions_run ON workflow_resumptions (workflow_instance_id, resumed_at);
