-- The test cycle's manual steps declare their forms (config.form, issue 21): what each task asks of its person,
-- the files it takes and the artifacts they become (the only names that person may write, issue 18). It changes the
-- published version in place, as V8 did; runs keep the template snapshot they started with.
-- Generated from the same source as distribution templates/test-cycle.json.
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "report", "label": "Report (CSV)", "type": "file", "required": true, "accept": ["text/csv"], "artifact": "report.csv"}, {"name": "dictionary", "label": "Data dictionary (CSV)", "type": "file", "required": true, "accept": ["text/csv"], "artifact": "data-dictionary.csv"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'DEFINE_REPORT_INVENTORY';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Review notes on the attributes", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_ATTRIBUTES';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Approval notes", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_PLANNING';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Review notes on the profiling results", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_PROFILING_RESULTS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Approval notes", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_PROFILING_RULES';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Review notes on the scope", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_SCOPING';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Approval notes", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_SCOPING';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Review notes on the samples", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_SAMPLES';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Approval notes", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_SAMPLES';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "dataOwners", "label": "Data owners to ask for evidence", "type": "names"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'IDENTIFY_DATA_OWNERS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "dataOwners", "label": "Data providers assigned (replaces the owners identified)", "type": "names"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'ASSIGN_DATA_PROVIDERS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Approval notes", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_DATA_OWNERS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "evidence", "label": "Evidence file (CSV)", "type": "file", "required": true, "accept": ["text/csv"], "artifact": "evidence/{instance}.csv"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'UPLOAD_EVIDENCE';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Review notes on the evidence", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_EVIDENCE';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Review notes on the test results", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_TEST_RESULTS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Review notes on the observations", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_OBSERVATIONS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "agreed", "label": "Do you agree with the observation?", "type": "choice", "required": true, "choices": ["true", "false"]}, {"name": "rootCause", "label": "Root cause", "type": "text", "required": true}, {"name": "remediation", "label": "Remediation", "type": "text", "required": true}, {"name": "due", "label": "Remediation due date", "type": "date", "required": true}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'DATA_OWNER_RESPONSE';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Approval notes", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_OBSERVATIONS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Review notes on the report", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_REPORT';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('form', '{"fields": [{"name": "notes", "label": "Sign-off notes", "type": "text"}]}'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'SIGN_OFF_REPORT';
