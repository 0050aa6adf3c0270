package dev.cadre.platform.templates;

import java.util.List;

/** Start parameters that do not fit the template's declaration; each problem names its parameter. */
public final class InvalidParametersException extends RuntimeException {

    private final List<String> problems;

    /**
     * @param template the template code
     * @param problems each as {@code parameter: what is wrong}
     */
    public InvalidParametersException(String template, List<String> problems) {
        super("parameters do not fit template '" + template + "': " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return each problem as {@code parameter: what is wrong} */
    public List<String> problems() {
        return problems;
    }
}
