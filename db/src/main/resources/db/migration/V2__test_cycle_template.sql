-- The regulatory test-cycle template, version 1, PUBLISHED (DESIGN section 5).
-- Generated from the same source as distribution templates/test-cycle.json; the platform tests check they agree.

INSERT INTO workflow_templates (code, version, name, description, status, published_at)
VALUES ('test-cycle', 1, 'Regulatory test cycle', 'Planning to sign-off of one regulatory report: 9 phases, 49 activities, 20 manual, 14 parallel.', 'PUBLISHED', now());

INSERT INTO workflow_phase_templates (template_id, phase_name, phase_order, execution_mode, fan_out_expression, max_parallelism)
VALUES
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Planning', 1, 'sequential', NULL, NULL),
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Data Profiling', 2, 'sequential', NULL, NULL),
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Scoping', 3, 'sequential', NULL, NULL),
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Sample Selection', 4, 'sequential', NULL, NULL),
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Data Owner Identification', 5, 'sequential', NULL, NULL),
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Request for Information', 6, 'parallel', 'parameters.dataOwners', 20),
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Test Execution', 7, 'parallel', 'parameters.dataOwners.map(o, outputs.VALIDATE_DATA_UPLOAD[o].documents).flatten()', 20),
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Observation Management', 8, 'parallel', 'outputs.EXECUTE_TESTS.map(execution, execution)', 20),
    ((SELECT id FROM workflow_templates WHERE code = 'test-cycle' AND version = 1), 'Finalize Test Report', 9, 'sequential', NULL, NULL);

INSERT INTO workflow_activity_templates (template_id, phase_id, activity_code, activity_name, sequence_order, activity_type, is_manual, handler_name, timeout_seconds, retry_policy, conditional_expression, execution_mode, config)
SELECT t.id, p.id, v.code, v.name, v.seq, v.type, v.manual, v.handler, v.timeout, v.retry::jsonb, v.cond, v.mode, v.config::jsonb
FROM workflow_templates t
JOIN workflow_phase_templates p ON p.template_id = t.id
JOIN (VALUES
    (1, 'PLANNING_START', 'Start planning', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (1, 'DEFINE_REPORT_INVENTORY', 'Define report inventory', 2, 'TASK', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "test-lead"}'),
    (1, 'GENERATE_ATTRIBUTES', 'Generate test attributes', 3, 'TASK', FALSE, 'GenerateAttributesHandler', 900, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'sequential', '{"dictionaryArtifact": "data-dictionary.csv"}'),
    (1, 'REVIEW_ATTRIBUTES', 'Review attributes', 4, 'REVIEW', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "reviewer"}'),
    (1, 'APPROVE_PLANNING', 'Approve planning', 5, 'APPROVAL', TRUE, 'ManualActivityHandler', 172800, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "approver"}'),
    (1, 'PLANNING_COMPLETE', 'Planning complete', 6, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (2, 'DATA_PROFILING_START', 'Start data profiling', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (2, 'DATA_PROFILING', 'Profile report data', 2, 'TASK', FALSE, 'DataProfilingHandler', 1800, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'sequential', '{"reportArtifact": "report.csv"}'),
    (2, 'REVIEW_PROFILING_RESULTS', 'Review profiling results', 3, 'REVIEW', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', 'outputs.DATA_PROFILING.anomalyCount > 0', 'sequential', '{"assigneeRole": "reviewer"}'),
    (2, 'APPROVE_PROFILING_RULES', 'Approve profiling rules', 4, 'APPROVAL', TRUE, 'ManualActivityHandler', 172800, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "approver"}'),
    (2, 'DATA_PROFILING_COMPLETE', 'Data profiling complete', 5, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (3, 'SCOPING_START', 'Start scoping', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (3, 'EXECUTE_SCOPING', 'Select attributes in scope', 2, 'TASK', FALSE, 'ExecuteScopingHandler', 1800, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'sequential', '{}'),
    (3, 'REVIEW_SCOPING', 'Review scoping', 3, 'REVIEW', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "reviewer"}'),
    (3, 'APPROVE_SCOPING', 'Approve scoping', 4, 'APPROVAL', TRUE, 'ManualActivityHandler', 172800, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "approver"}'),
    (3, 'SCOPING_COMPLETE', 'Scoping complete', 5, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (4, 'SAMPLE_SELECTION_START', 'Start sample selection', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (4, 'GENERATE_SAMPLES', 'Draw samples', 2, 'TASK', FALSE, 'GenerateSamplesHandler', 900, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'sequential', '{"reportArtifact": "report.csv", "samplesPerOwner": 10}'),
    (4, 'REVIEW_SAMPLES', 'Review samples', 3, 'REVIEW', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "reviewer"}'),
    (4, 'APPROVE_SAMPLES', 'Approve samples', 4, 'APPROVAL', TRUE, 'ManualActivityHandler', 172800, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "approver"}'),
    (4, 'SAMPLE_SELECTION_COMPLETE', 'Sample selection complete', 5, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (5, 'DATA_OWNER_ID_START', 'Start data owner identification', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (5, 'IDENTIFY_DATA_OWNERS', 'Identify data owners', 2, 'TASK', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "test-lead"}'),
    (5, 'ASSIGN_DATA_PROVIDERS', 'Assign data providers', 3, 'TASK', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "test-lead"}'),
    (5, 'APPROVE_DATA_OWNERS', 'Approve data owners', 4, 'APPROVAL', TRUE, 'ManualActivityHandler', 172800, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "approver"}'),
    (5, 'DATA_OWNER_ID_COMPLETE', 'Data owner identification complete', 5, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (6, 'RFI_START', 'Start request for information', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (6, 'SEND_DATA_REQUEST', 'Send data request', 2, 'TASK', FALSE, 'SendDataRequestHandler', 300, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'parallel', '{}'),
    (6, 'UPLOAD_EVIDENCE', 'Upload evidence', 3, 'TASK', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'parallel', '{"assigneeRole": "data-owner"}'),
    (6, 'VALIDATE_DATA_UPLOAD', 'Validate uploaded evidence', 4, 'TASK', FALSE, 'ValidateDataUploadHandler', 300, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput", "InvalidEvidence"]}', NULL, 'parallel', '{"evidencePrefix": "evidence/"}'),
    (6, 'REVIEW_EVIDENCE', 'Review evidence', 5, 'REVIEW', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'parallel', '{"assigneeRole": "reviewer"}'),
    (6, 'RFI_COMPLETE', 'Request for information complete', 6, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'parallel', '{}'),
    (7, 'TEST_EXECUTION_START', 'Start test execution', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (7, 'GENERATE_TEST_CASES', 'Generate test cases', 2, 'TASK', FALSE, 'GenerateTestCasesHandler', 900, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'parallel', '{}'),
    (7, 'EXECUTE_TESTS', 'Execute tests', 3, 'TASK', FALSE, 'ExecuteTestsHandler', 1800, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'parallel', '{}'),
    (7, 'REVIEW_TEST_RESULTS', 'Review test results', 4, 'REVIEW', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'parallel', '{"assigneeRole": "reviewer"}'),
    (7, 'TEST_EXECUTION_COMPLETE', 'Test execution complete', 5, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'parallel', '{}'),
    (8, 'OBSERVATION_START', 'Start observation management', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (8, 'CREATE_OBSERVATIONS', 'Create observations', 2, 'TASK', FALSE, 'CreateObservationsHandler', 300, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'parallel', '{}'),
    (8, 'REVIEW_OBSERVATIONS', 'Review observations', 3, 'REVIEW', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'parallel', '{"assigneeRole": "reviewer"}'),
    (8, 'DATA_OWNER_RESPONSE', 'Data owner response', 4, 'TASK', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', 'outputs.CREATE_OBSERVATIONS[instanceKey].observationCount > 0', 'parallel', '{"assigneeRole": "data-owner"}'),
    (8, 'APPROVE_OBSERVATIONS', 'Approve observations', 5, 'APPROVAL', TRUE, 'ManualActivityHandler', 172800, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'parallel', '{"assigneeRole": "approver"}'),
    (8, 'OBSERVATION_COMPLETE', 'Observation management complete', 6, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'parallel', '{}'),
    (9, 'FINALIZE_REPORT_START', 'Start finalizing the test report', 1, 'START', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}'),
    (9, 'GENERATE_REPORT_SECTIONS', 'Generate report sections', 2, 'TASK', FALSE, 'GenerateReportSectionsHandler', 900, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'sequential', '{}'),
    (9, 'REVIEW_REPORT', 'Review report', 3, 'REVIEW', TRUE, 'ManualActivityHandler', 86400, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "reviewer"}'),
    (9, 'GENERATE_FINAL_REPORT', 'Generate final report', 4, 'TASK', FALSE, 'GenerateFinalReportHandler', 900, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": ["InvalidInput"]}', NULL, 'sequential', '{"formats": ["html", "markdown"]}'),
    (9, 'SIGN_OFF_REPORT', 'Sign off report', 5, 'APPROVAL', TRUE, 'ManualActivityHandler', 172800, '{"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{"assigneeRole": "approver"}'),
    (9, 'FINALIZE_REPORT_COMPLETE', 'Finalize test report complete', 6, 'COMPLETE', FALSE, 'AutomatedActivityHandler', 60, '{"maximumAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2.0, "maximumIntervalSeconds": 60, "nonRetryableErrors": []}', NULL, 'sequential', '{}')
) AS v (phase_order, code, name, seq, type, manual, handler, timeout, retry, cond, mode, config) ON v.phase_order = p.phase_order
WHERE t.code = 'test-cycle' AND t.version = 1;

INSERT INTO workflow_activity_dependencies (activity_id, depends_on_id, dependency_type)
SELECT a.id, d.id, v.type
FROM (VALUES
    ('GENERATE_ATTRIBUTES', 'DEFINE_REPORT_INVENTORY', 'completion'),
    ('REVIEW_ATTRIBUTES', 'GENERATE_ATTRIBUTES', 'completion'),
    ('APPROVE_PLANNING', 'REVIEW_ATTRIBUTES', 'completion'),
    ('DATA_PROFILING', 'APPROVE_PLANNING', 'approval'),
    ('APPROVE_PROFILING_RULES', 'REVIEW_PROFILING_RESULTS', 'completion'),
    ('EXECUTE_SCOPING', 'APPROVE_PROFILING_RULES', 'approval'),
    ('APPROVE_SCOPING', 'REVIEW_SCOPING', 'completion'),
    ('GENERATE_SAMPLES', 'APPROVE_SCOPING', 'approval'),
    ('APPROVE_SAMPLES', 'REVIEW_SAMPLES', 'completion'),
    ('APPROVE_DATA_OWNERS', 'ASSIGN_DATA_PROVIDERS', 'completion'),
    ('SEND_DATA_REQUEST', 'APPROVE_DATA_OWNERS', 'approval'),
    ('SEND_DATA_REQUEST', 'APPROVE_SAMPLES', 'approval'),
    ('VALIDATE_DATA_UPLOAD', 'UPLOAD_EVIDENCE', 'completion'),
    ('GENERATE_TEST_CASES', 'REVIEW_EVIDENCE', 'approval'),
    ('EXECUTE_TESTS', 'GENERATE_TEST_CASES', 'completion'),
    ('CREATE_OBSERVATIONS', 'EXECUTE_TESTS', 'completion'),
    ('GENERATE_REPORT_SECTIONS', 'APPROVE_OBSERVATIONS', 'approval')
) AS v (activity, depends_on, type)
JOIN workflow_templates t ON t.code = 'test-cycle' AND t.version = 1
JOIN workflow_activity_templates a ON a.template_id = t.id AND a.activity_code = v.activity
JOIN workflow_activity_templates d ON d.template_id = t.id AND d.activity_code = v.depends_on;
