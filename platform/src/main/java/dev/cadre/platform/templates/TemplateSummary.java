package dev.cadre.platform.templates;

import java.time.Instant;
import java.util.List;

/**
 * A template code and its versions, for listings.
 *
 * @param code     the template code
 * @param name     the name of its latest version
 * @param versions every version, oldest first
 */
public record TemplateSummary(String code, String name, List<Version> versions) {

    /** Copies the list. */
    public TemplateSummary {
        versions = List.copyOf(versions);
    }

    /**
     * One version of a code.
     *
     * @param version     the version number
     * @param status      DRAFT, PUBLISHED or RETIRED
     * @param createdAt   when it was imported
     * @param publishedAt when it was last published, or {@code null}
     */
    public record Version(int version, TemplateStatus status, Instant createdAt, Instant publishedAt) {
    }
}
