-- The test cycle's data-owner instance tasks are for one person each (config.assignee, issue 18): the data owner
-- of system X signs in as X.owner; UPLOAD_EVIDENCE's instance is the owner, DATA_OWNER_RESPONSE's the document
-- '<owner>/<document>'. Only that person, someone they delegate to, or an admin override completes the task or
-- writes its files. It changes the published version in place, as V12 did; runs keep the template snapshot they
-- started with. Generated from the same source as distribution templates/test-cycle.json.
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('assignee', 'instanceKey.split(''/'')[0] + ''.owner''')
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED'
  AND a.activity_code IN ('UPLOAD_EVIDENCE', 'DATA_OWNER_RESPONSE');
