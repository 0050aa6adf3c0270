-- Send back for rework (issue 21): a review or approval may answer REWORK, and the steps from the template's
-- config.onReject.reworkFrom run again as round 2, 3, ... A step's row holds its current round; the rounds before
-- it are kept, as they ended, in workflow_activity_rounds (written by the one step writer when a round reopens it).
ALTER TABLE workflow_activities ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);
-- why the step runs again: who sent it back, from which step, and their comment (or the failure that returned it)
ALTER TABLE workflow_activities ADD COLUMN rework_note TEXT;
ALTER TABLE workflow_activities DROP CONSTRAINT IF EXISTS workflow_activities_outcome_check;
ALTER TABLE workflow_activities ADD CONSTRAINT workflow_activities_outcome_check
    CHECK (outcome IN ('APPROVED', 'REJECTED', 'DONE', 'REWORK'));

CREATE TABLE workflow_activity_rounds (
    id                    BIGSERIAL    PRIMARY KEY,
    activity_id           BIGINT       NOT NULL REFERENCES workflow_activities (id) ON DELETE CASCADE,
    round                 INTEGER      NOT NULL CHECK (round >= 1),
    status                VARCHAR(16)  NOT NULL,
    outcome               VARCHAR(16),
    completed_by          VARCHAR(200),
    comment               TEXT,
    rework_note           TEXT,
    last_error            TEXT,
    handler_source        VARCHAR(300),
    output                JSONB,
    started_at            TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ,
    CONSTRAINT uq_workflow_activity_round UNIQUE (activity_id, round)
);

-- The shipped test cycle: reviewers and approvers send work back to the step that prepares it, and a wrong
-- evidence file goes back to its data owner (config.onFailure.returnTo). Changes the published version in
-- place, as V8 and V12 did; runs keep the template snapshot they started with.
-- Generated from the same source as distribution templates/test-cycle.json.
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('onReject', r.on_reject::jsonb)
FROM workflow_templates t,
     (VALUES ('REVIEW_ATTRIBUTES', '{"reworkFrom": "GENERATE_ATTRIBUTES", "maxRounds": 3}'),
             ('APPROVE_PLANNING', '{"reworkFrom": "GENERATE_ATTRIBUTES", "maxRounds": 3}'),
             ('APPROVE_PROFILING_RULES', '{"reworkFrom": "REVIEW_PROFILING_RESULTS", "maxRounds": 3}'),
             ('APPROVE_SCOPING', '{"reworkFrom": "REVIEW_SCOPING", "maxRounds": 3}'),
             ('APPROVE_SAMPLES', '{"reworkFrom": "REVIEW_SAMPLES", "maxRounds": 3}'),
             ('APPROVE_DATA_OWNERS', '{"reworkFrom": "IDENTIFY_DATA_OWNERS", "maxRounds": 3}'),
             ('REVIEW_EVIDENCE', '{"reworkFrom": "UPLOAD_EVIDENCE", "maxRounds": 3}'),
             ('APPROVE_OBSERVATIONS', '{"reworkFrom": "DATA_OWNER_RESPONSE", "maxRounds": 3}'),
             ('REVIEW_REPORT', '{"reworkFrom": "GENERATE_REPORT_SECTIONS", "maxRounds": 3}'),
             ('SIGN_OFF_REPORT', '{"reworkFrom": "GENERATE_REPORT_SECTIONS", "maxRounds": 3}')) AS r(code, on_reject)
WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = r.code;
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('onFailure', '{"returnTo": "UPLOAD_EVIDENCE", "maxRounds": 3}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'VALIDATE_DATA_UPLOAD';
