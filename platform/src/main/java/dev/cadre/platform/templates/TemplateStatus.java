package dev.cadre.platform.templates;

/**
 * The lifecycle of one template version: DRAFT (imported) -> PUBLISHED (new workflows start on it;
 * at most one per code) -> RETIRED (another version was published; running workflows keep their
 * snapshot, and a retired version may be published again).
 */
public enum TemplateStatus {
    /** Imported, not yet published. */
    DRAFT,
    /** The version new workflows of its code start on. */
    PUBLISHED,
    /** Formerly published. */
    RETIRED
}
