package dev.cadre.platform.templates;

import java.util.List;
import java.util.stream.Collectors;

/** Publishing refused: scenarios the template keeps no longer hold (publish with force to override). */
public final class ScenariosFailedException extends RuntimeException {

    private final List<ScenarioCheck.ScenarioFailure> failures;

    /**
     * @param code     the template code
     * @param failures the scenarios that failed
     */
    public ScenariosFailedException(String code, List<ScenarioCheck.ScenarioFailure> failures) {
        super("template '" + code + "' is not published: " + failures.stream()
                .map(f -> "scenario '" + f.scenario() + "': " + String.join("; ", f.differences()))
                .collect(Collectors.joining(" | ")) + " (publish with force to publish anyway)");
        this.failures = List.copyOf(failures);
    }

    /** @return the scenarios that failed, with their differences */
    public List<ScenarioCheck.ScenarioFailure> failures() {
        return failures;
    }
}
