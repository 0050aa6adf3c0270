package dev.cadre.platform.templates;

import java.util.ArrayList;
import java.util.List;

/** Gathers problems while the validator walks a document, so every one is reported at once. */
final class ProblemCollector {

    private final List<Problem> problems = new ArrayList<>();

    void error(String path, String message) {
        problems.add(Problem.error(path, message));
    }

    void warning(String path, String message) {
        problems.add(Problem.warning(path, message));
    }

    void add(Problem problem) {
        problems.add(problem);
    }

    /** Reports a missing or blank text; returns whether the text is present. */
    boolean required(String path, String value) {
        if (value == null || value.isBlank()) {
            error(path, "is required");
            return false;
        }
        return true;
    }

    ValidationReport report() {
        return new ValidationReport(problems);
    }
}
