package dev.cadre.platform.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem found in a template document, in document order.
 *
 * @param problems the errors and warnings
 */
public record ValidationReport(List<Problem> problems) {

    /** A report without problems. */
    public static final ValidationReport OK = new ValidationReport(List.of());

    /** Copies the list. */
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** @return a report of one problem */
    public static ValidationReport of(Problem problem) {
        return new ValidationReport(List.of(problem));
    }

    /** @return whether any problem rejects the document */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** @return whether there are warnings */
    public boolean hasWarnings() {
        return problems.stream().anyMatch(p -> !p.isError());
    }

    /** @return the errors only */
    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /** @return the warnings only */
    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** @return this report followed by the other's problems */
    public ValidationReport plus(ValidationReport other) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(other.problems);
        return new ValidationReport(all);
    }

    /** @return one problem per line, {@code path: message} */
    @Override
    public String toString() {
        return String.join(System.lineSeparator(), problems.stream().map(Problem::toString).toList());
    }
}
