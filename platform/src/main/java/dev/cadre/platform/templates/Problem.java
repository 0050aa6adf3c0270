package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One thing wrong with a template document.
 *
 * @param severity ERROR rejects the document; WARNING does not (but unknown handlers block publishing)
 * @param path     where in the document, for example {@code phases[5].activities[1].dependsOn[0]};
 *                 empty for the document as a whole
 * @param message  what is wrong
 * @param line     for a problem inside an expression, its line there (1-based), else {@code null}
 * @param column   for a problem inside an expression, its column there (1-based), else {@code null}
 */
public record Problem(Severity severity, String path, String message, @JsonInclude(JsonInclude.Include.NON_NULL) Integer line,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer column) {

    /** How bad a problem is. */
    public enum Severity {
        /** The document is rejected. */
        ERROR,
        /** The document is accepted; publishing it may need {@code force}. */
        WARNING
    }

    /** Checks the parts are present. */
    public Problem {
        Objects.requireNonNull(severity, "severity");
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    /** A problem of the document, not inside an expression. */
    public Problem(Severity severity, String path, String message) {
        this(severity, path, message, null, null);
    }

    /** @return an error at that path */
    public static Problem error(String path, String message) {
        return new Problem(Severity.ERROR, path, message);
    }

    /** @return a warning at that path */
    public static Problem warning(String path, String message) {
        return new Problem(Severity.WARNING, path, message);
    }

    /** @return whether this rejects the document */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** @return {@code path: message} or {@code path:line:column: message} (warnings prefixed), the form the CLI prints */
    @Override
    public String toString() {
        String where = line == null ? path : path + ":" + line + ":" + column;
        String text = where.isEmpty() ? message : where + ": " + message;
        return severity == Severity.WARNING ? "warning: " + text : text;
    }
}
