-- The test cycle's manual steps get deadline steps (config.sla): a reminder at half the step's time and,
-- except for the test lead's own tasks, an escalation to the test lead four hours before it times out.
-- It changes the published version in place (V7 made it from the seed); runs keep the template snapshot
-- they started with, so running cycles are not affected.
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'DEFINE_REPORT_INVENTORY';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_ATTRIBUTES';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT24H", "action": "remind"}, {"after": "PT44H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_PLANNING';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_PROFILING_RESULTS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT24H", "action": "remind"}, {"after": "PT44H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_PROFILING_RULES';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_SCOPING';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT24H", "action": "remind"}, {"after": "PT44H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_SCOPING';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_SAMPLES';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT24H", "action": "remind"}, {"after": "PT44H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_SAMPLES';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'IDENTIFY_DATA_OWNERS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'ASSIGN_DATA_PROVIDERS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT24H", "action": "remind"}, {"after": "PT44H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_DATA_OWNERS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'UPLOAD_EVIDENCE';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_EVIDENCE';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_TEST_RESULTS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_OBSERVATIONS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'DATA_OWNER_RESPONSE';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT24H", "action": "remind"}, {"after": "PT44H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'APPROVE_OBSERVATIONS';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT12H", "action": "remind"}, {"after": "PT20H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'REVIEW_REPORT';
UPDATE workflow_activity_templates a SET config = a.config || jsonb_build_object('sla', '[{"after": "PT24H", "action": "remind"}, {"after": "PT44H", "action": "escalate", "role": "test-lead"}]'::jsonb)
FROM workflow_templates t WHERE t.id = a.template_id AND t.code = 'test-cycle' AND t.status = 'PUBLISHED' AND a.activity_code = 'SIGN_OFF_REPORT';
