package dev.cadre.platform.templates;

/**
 * An activity's dependency on another.
 *
 * @param activity the code of the activity depended on
 * @param type     {@code completion}: it completed or was skipped; {@code approval}: it completed with
 *                 outcome APPROVED
 */
public record Dependency(String activity, DependencyType type) {

    /** Defaults the type to completion. */
    public Dependency {
        type = type == null ? DependencyType.COMPLETION : type;
    }
}
