-- Cadre schema: templates (what a workflow is) and run records (where each workflow stands).

CREATE TABLE workflow_templates (
    id            BIGSERIAL    PRIMARY KEY,
    code          VARCHAR(100) NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9._-]*$'),
    version       INTEGER      NOT NULL CHECK (version > 0),
    name          VARCHAR(200) NOT NULL,
    description   TEXT,
    status        VARCHAR(16)  NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ,
    CONSTRAINT uq_workflow_templates_code_version UNIQUE (code, version)
);
-- At most one version of a code is the one new workflows start on.
CREATE UNIQUE INDEX uq_workflow_templates_published ON workflow_templates (code) WHERE status = 'PUBLISHED';

CREATE TABLE workflow_phase_templates (
    id                  BIGSERIAL    PRIMARY KEY,
    template_id         BIGINT       NOT NULL REFERENCES workflow_templates (id) ON DELETE CASCADE,
    phase_name          VARCHAR(200) NOT NULL,
    phase_order         INTEGER      NOT NULL,
    execution_mode      VARCHAR(16)  NOT NULL CHECK (execution_mode IN ('sequential', 'parallel')),
    fan_out_expression  TEXT,
    max_parallelism     INTEGER      CHECK (max_parallelism > 0),
    CONSTRAINT uq_phase_order UNIQUE (template_id, phase_order),
    CONSTRAINT uq_phase_name UNIQUE (template_id, phase_name),
    CONSTRAINT ck_parallel_phase_has_fan_out CHECK (execution_mode = 'sequential' OR fan_out_expression IS NOT NULL)
);

CREATE TABLE workflow_activity_templates (
    id                      BIGSERIAL    PRIMARY KEY,
    template_id             BIGINT       NOT NULL REFERENCES workflow_templates (id) ON DELETE CASCADE,
    phase_id                BIGINT       NOT NULL REFERENCES workflow_phase_templates (id) ON DELETE CASCADE,
    activity_code           VARCHAR(100) NOT NULL CHECK (activity_code ~ '^[A-Za-z][A-Za-z0-9_]*$'),
    activity_name           VARCHAR(200) NOT NULL,
    sequence_order          INTEGER      NOT NULL,
    activity_type           VARCHAR(16)  NOT NULL CHECK (activity_type IN ('START', 'TASK', 'REVIEW', 'APPROVAL', 'COMPLETE')),
    is_manual               BOOLEAN      NOT NULL DEFAULT FALSE,
    handler_name            VARCHAR(200) NOT NULL,
    timeout_seconds         INTEGER      NOT NULL CHECK (timeout_seconds > 0),
    retry_policy            JSONB        NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(retry_policy) = 'object'),
    conditional_expression  TEXT,
    execution_mode          VARCHAR(16)  NOT NULL DEFAULT 'sequential' CHECK (execution_mode IN ('sequential', 'parallel')),
    config                  JSONB        NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
    CONSTRAINT uq_activity_code UNIQUE (template_id, activity_code),
    CONSTRAINT uq_activity_sequence UNIQUE (phase_id, sequence_order)
);
CREATE INDEX ix_activity_templates_template ON workflow_activity_templates (template_id);
CREATE INDEX ix_activity_templates_handler ON workflow_activity_templates (handler_name);

CREATE TABLE workflow_activity_dependencies (
    id                  BIGSERIAL   PRIMARY KEY,
    activity_id         BIGINT      NOT NULL REFERENCES workflow_activity_templates (id) ON DELETE CASCADE,
    depends_on_id       BIGINT      NOT NULL REFERENCES workflow_activity_templates (id) ON DELETE CASCADE,
    dependency_type     VARCHAR(16) NOT NULL DEFAULT 'completion' CHECK (dependency_type IN ('completion', 'approval')),
    CONSTRAINT uq_dependency UNIQUE (activity_id, depends_on_id),
    CONSTRAINT ck_no_self_dependency CHECK (activity_id <> depends_on_id)
);
CREATE INDEX ix_dependencies_depends_on ON workflow_activity_dependencies (depends_on_id);

CREATE TABLE workflow_instances (
    id                BIGSERIAL    PRIMARY KEY,
    workflow_id       VARCHAR(255) NOT NULL,
    run_id            VARCHAR(64)  NOT NULL,
    template_id       BIGINT       NOT NULL REFERENCES workflow_templates (id),
    template_code     VARCHAR(100) NOT NULL,
    template_version  INTEGER      NOT NULL,
    business_key      VARCHAR(255) NOT NULL,
    parameters        JSONB        NOT NULL DEFAULT '{}'::jsonb,
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    current_phase     VARCHAR(200),
    error             TEXT,
    started_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at      TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_workflow_instances_workflow_id UNIQUE (workflow_id)
);
CREATE INDEX ix_workflow_instances_status ON workflow_instances (status, started_at DESC);
CREATE INDEX ix_workflow_instances_template ON workflow_instances (template_code, started_at DESC);

CREATE TABLE workflow_activities (
    id                    BIGSERIAL    PRIMARY KEY,
    workflow_instance_id  BIGINT       NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    activity_template_id  BIGINT       NOT NULL REFERENCES workflow_activity_templates (id),
    activity_code         VARCHAR(100) NOT NULL,
    phase_name            VARCHAR(200) NOT NULL,
    -- '' when the activity is not a parallel instance: NULLs would defeat the unique key
    instance_id           VARCHAR(255) NOT NULL DEFAULT '',
    parent_activity_id    BIGINT       REFERENCES workflow_activities (id) ON DELETE SET NULL,
    execution_mode        VARCHAR(16)  NOT NULL CHECK (execution_mode IN ('sequential', 'parallel')),
    status                VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'SKIPPED', 'COMPENSATED', 'CANCELLED')),
    handler_name          VARCHAR(200) NOT NULL,
    handler_source        VARCHAR(300),
    handler_sha256        CHAR(64),
    retry_count           INTEGER      NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
    -- the Temporal attempt number of the latest handler execution: tells a retry from a redelivery
    last_attempt          INTEGER,
    last_error            TEXT,
    outcome               VARCHAR(16)  CHECK (outcome IN ('APPROVED', 'REJECTED', 'DONE')),
    completed_by          VARCHAR(200),
    comment               TEXT,
    assignee_role         VARCHAR(100),
    due_at                TIMESTAMPTZ,
    output                JSONB,
    started_at            TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_workflow_activity UNIQUE (workflow_instance_id, activity_code, instance_id)
);
-- the manual-task inbox: waiting tasks, oldest due first, optionally by role
CREATE INDEX ix_workflow_activities_inbox ON workflow_activities (due_at, assignee_role) WHERE status = 'WAITING';
CREATE INDEX ix_workflow_activities_status ON workflow_activities (status);

CREATE TABLE workflow_artifacts (
    id                    BIGSERIAL    PRIMARY KEY,
    workflow_instance_id  BIGINT       NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    name                  VARCHAR(200) NOT NULL CHECK (name ~ '^[A-Za-z0-9._/-]+$' AND name !~ '(^|/)\.\.?(/|$)'),
    content_type          VARCHAR(200) NOT NULL,
    bytes                 BYTEA        NOT NULL,
    size_bytes            INTEGER      NOT NULL,
    sha256                CHAR(64)     NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_workflow_artifact UNIQUE (workflow_instance_id, name)
);
