package dev.cadre.platform.templates;

/**
 * A template document was rejected: it is not valid JSON, does not have the document's shape, fails
 * validation, or (when publishing without {@code force}) names handlers the host does not know.
 */
public class InvalidTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ValidationReport report;

    /**
     * @param message a summary
     * @param report  every problem
     */
    public InvalidTemplateException(String message, ValidationReport report) {
        super(message);
        this.report = report;
    }

    /** @return every problem, each with its path */
    public ValidationReport report() {
        return report;
    }
}
