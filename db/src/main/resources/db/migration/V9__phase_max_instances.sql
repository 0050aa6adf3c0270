-- A parallel phase's fan-out cap (issue 10): NULL means the default of 10,000 instances.
ALTER TABLE workflow_phase_templates
    ADD COLUMN max_instances INTEGER CHECK (max_instances > 0);
