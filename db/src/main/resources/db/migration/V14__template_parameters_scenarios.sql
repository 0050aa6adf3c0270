-- Issue 19: a template version's declared start parameters and the scenarios publishing simulates.
-- NULL means none (older versions declare nothing: their expressions stay unchecked below the root).
ALTER TABLE workflow_templates
    ADD COLUMN parameters JSONB,
    ADD COLUMN scenarios JSONB;
