package dev.cadre.platform.runs;

/**
 * An artifact upload or download refused, with why: both edges answer it the same way (its HTTP status,
 * a stable code, and typed details).
 */
public final class ArtifactRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, with the HTTP status and error code the edges answer. */
    public enum Reason {
        /** Not a safe artifact name. */
        INVALID_NAME(400, "invalid_artifact_name"),
        /** A content type too long to keep. */
        INVALID_CONTENT_TYPE(400, "invalid_content_type"),
        /** The caller may not write that name (reserved, not their task's, or a replace without admin). */
        FORBIDDEN(403, "forbidden"),
        /** The run has no such artifact. */
        NOT_FOUND(404, "artifact_not_found"),
        /** The artifact exists with other content, and no replace was asked for. */
        EXISTS(409, "artifact_exists"),
        /** A completed step relied on the artifact: it is write-once. */
        IN_USE(409, "artifact_in_use"),
        /** The run's artifact count or total size would pass its limit. */
        LIMIT(413, "artifact_limit"),
        /** The file's own content is wrong: the step that validates it found problems on submit ({@link Problems}). */
        INVALID_CONTENT(422, "invalid_upload");

        private final int status;
        private final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** @return the HTTP status */
        public int status() {
            return status;
        }

        /** @return the stable error code */
        public String code() {
            return code;
        }
    }

    /** Details of a refusal for want of a role. @param missingRole the role that would allow it */
    public record MissingRole(String missingRole) {
    }

    /** Details of a refusal because other content is there. @param sha256 the stored content's SHA-256 */
    public record Existing(String sha256) {
    }

    /**
     * Details of a refusal at a limit.
     *
     * @param limit the setting that sets it
     * @param max   its value
     */
    public record Limit(String limit, long max) {
    }

    /**
     * Details of a file refused for its content.
     *
     * @param artifact the name it would have had
     * @param problems what is wrong, each naming where
     */
    public record Problems(String artifact, java.util.List<String> problems) {
    }

    private final Reason reason;
    private final transient Object details;

    /**
     * @param reason  why
     * @param message what, for people
     * @param details a typed detail record, or {@code null}
     */
    public ArtifactRefusedException(Reason reason, String message, Object details) {
        super(message);
        this.reason = reason;
        this.details = details;
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }

    /** @return the detail record, or {@code null} */
    public Object details() {
        return details;
    }
}
