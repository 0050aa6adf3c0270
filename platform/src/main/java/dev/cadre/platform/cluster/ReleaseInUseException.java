package dev.cadre.platform.cluster;

import java.util.List;

/** Removing a plugin release refused: a published template version pins it, or a running workflow still uses it. */
public final class ReleaseInUseException extends RuntimeException {

    private final List<String> templateVersions;
    private final List<String> runs;

    /**
     * @param release          {@code id@version}
     * @param templateVersions the published template versions that pin it ({@code code v2})
     * @param runs             the ids of running workflows whose template version pins it
     */
    public ReleaseInUseException(String release, List<String> templateVersions, List<String> runs) {
        super("release " + release + " is in use and cannot be removed: "
                + (templateVersions.isEmpty() ? "" : "pinned by published template version(s) " + String.join(", ", templateVersions))
                + (templateVersions.isEmpty() || runs.isEmpty() ? "" : "; ")
                + (runs.isEmpty() ? "" : "used by running workflow(s) " + String.join(", ", runs))
                + ". Publish template versions that pin another release first, and let the runs finish");
        this.templateVersions = List.copyOf(templateVersions);
        this.runs = List.copyOf(runs);
    }

    /** @return the published template versions that pin the release */
    public List<String> templateVersions() {
        return templateVersions;
    }

    /** @return the running workflows that use it */
    public List<String> runs() {
        return runs;
    }
}
