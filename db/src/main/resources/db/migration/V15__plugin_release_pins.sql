-- Side-by-side plugin versions: an activity may pin a release with a semver range ("handlerVersion");
-- publishing resolves it to the exact release, kept with that template version for the life of its runs.
ALTER TABLE workflow_activity_templates ADD COLUMN handler_version VARCHAR(100);

CREATE TABLE template_release_pins (
    template_id    BIGINT       NOT NULL REFERENCES workflow_templates (id) ON DELETE CASCADE,
    activity_code  VARCHAR(100) NOT NULL,
    handler_name   VARCHAR(200) NOT NULL,
    version_range  VARCHAR(100) NOT NULL,
    plugin_id      VARCHAR(100) NOT NULL,
    version        VARCHAR(100) NOT NULL,
    sha256         CHAR(64)     NOT NULL,
    pinned_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (template_id, activity_code)
);
-- "which template versions pin this release" (removal is refused while any does)
CREATE INDEX ix_template_release_pins_release ON template_release_pins (plugin_id, version);
