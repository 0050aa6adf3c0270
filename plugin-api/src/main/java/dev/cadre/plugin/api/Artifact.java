package dev.cadre.plugin.api;

import java.util.Objects;

/**
 * A named blob stored with a workflow run.
 *
 * @param name        the artifact's name, unique in its workflow run, for example {@code final-report.html}
 * @param contentType its MIME type, for example {@code text/csv}
 * @param content     the bytes (the array is the caller's: do not modify it)
 * @param sha256      the lower-case hex SHA-256 of the content
 */
public record Artifact(String name, String contentType, byte[] content, String sha256) {

    /** Checks that no component is {@code null}. */
    public Artifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** @return the content decoded as UTF-8 text */
    public String text() {
        return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @return the content's size in bytes */
    public int size() {
        return content.length;
    }
}
