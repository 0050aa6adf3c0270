-- The test cycle's next version: the Request-for-Information fan-out reads the data owners people named
-- when completing ASSIGN_DATA_PROVIDERS (else IDENTIFY_DATA_OWNERS), data.dataOwners, and falls back to the
-- parameters; Test Execution fans out over the documents of the owners actually asked. It copies the
-- published version (only while its fan-out is still the shipped parameters.dataOwners, so an admin's own
-- published version is left alone), publishes the copy and retires the original; running workflows keep
-- the version they started with; rows are copied in their original order, so the export lists them alike.
-- Generated from the same source as distribution templates/test-cycle.json.

CREATE TEMPORARY TABLE v7_source ON COMMIT DROP AS
SELECT t.id, (SELECT max(version) FROM workflow_templates WHERE code = 'test-cycle') + 1 AS to_version
FROM workflow_templates t
JOIN workflow_phase_templates p ON p.template_id = t.id
WHERE t.code = 'test-cycle' AND t.status = 'PUBLISHED'
  AND p.phase_name = 'Request for Information' AND p.fan_out_expression = 'parameters.dataOwners';

UPDATE workflow_templates SET status = 'RETIRED' WHERE id IN (SELECT id FROM v7_source);

INSERT INTO workflow_templates (code, version, name, description, status, published_at)
SELECT t.code, s.to_version, t.name, t.description, 'PUBLISHED', now()
FROM v7_source s JOIN workflow_templates t ON t.id = s.id;

INSERT INTO workflow_phase_templates (template_id, phase_name, phase_order, execution_mode, fan_out_expression, max_parallelism)
SELECT n.id, p.phase_name, p.phase_order, p.execution_mode,
       CASE p.phase_name
           WHEN 'Request for Information' THEN
               'has(outputs.ASSIGN_DATA_PROVIDERS) && has(outputs.ASSIGN_DATA_PROVIDERS.data) && has(outputs.ASSIGN_DATA_PROVIDERS.data.dataOwners) && size(outputs.ASSIGN_DATA_PROVIDERS.data.dataOwners) > 0 ? outputs.ASSIGN_DATA_PROVIDERS.data.dataOwners : has(outputs.IDENTIFY_DATA_OWNERS) && has(outputs.IDENTIFY_DATA_OWNERS.data) && has(outputs.IDENTIFY_DATA_OWNERS.data.dataOwners) && size(outputs.IDENTIFY_DATA_OWNERS.data.dataOwners) > 0 ? outputs.IDENTIFY_DATA_OWNERS.data.dataOwners : parameters.dataOwners'
           WHEN 'Test Execution' THEN
               'outputs.VALIDATE_DATA_UPLOAD.map(o, outputs.VALIDATE_DATA_UPLOAD[o].documents).flatten()'
           ELSE p.fan_out_expression
       END,
       p.max_parallelism
FROM v7_source s
JOIN workflow_phase_templates p ON p.template_id = s.id
JOIN workflow_templates n ON n.code = 'test-cycle' AND n.version = s.to_version
ORDER BY p.id;

INSERT INTO workflow_activity_templates (template_id, phase_id, activity_code, activity_name, sequence_order, activity_type, is_manual,
                                         handler_name, timeout_seconds, retry_policy, conditional_expression, execution_mode, config)
SELECT n.id, np.id, a.activity_code, a.activity_name, a.sequence_order, a.activity_type, a.is_manual,
       a.handler_name, a.timeout_seconds, a.retry_policy, a.conditional_expression, a.execution_mode, a.config
FROM v7_source s
JOIN workflow_activity_templates a ON a.template_id = s.id
JOIN workflow_phase_templates p ON p.id = a.phase_id
JOIN workflow_templates n ON n.code = 'test-cycle' AND n.version = s.to_version
JOIN workflow_phase_templates np ON np.template_id = n.id AND np.phase_name = p.phase_name
ORDER BY a.id;

INSERT INTO workflow_activity_dependencies (activity_id, depends_on_id, dependency_type)
SELECT na.id, nd.id, d.dependency_type
FROM v7_source s
JOIN workflow_activity_templates a ON a.template_id = s.id
JOIN workflow_activity_dependencies d ON d.activity_id = a.id
JOIN workflow_activity_templates od ON od.id = d.depends_on_id
JOIN workflow_templates n ON n.code = 'test-cycle' AND n.version = s.to_version
JOIN workflow_activity_templates na ON na.template_id = n.id AND na.activity_code = a.activity_code
JOIN workflow_activity_templates nd ON nd.template_id = n.id AND nd.activity_code = od.activity_code
ORDER BY d.id;
