package dev.cadre.platform.templates;

import java.util.List;

/** Runs the scenarios a template version keeps, before it is published. */
@FunctionalInterface
public interface ScenarioCheck {

    /** A check that runs nothing: hosts without a simulator (the CLI's offline import). */
    ScenarioCheck NONE = template -> List.of();

    /**
     * @param template a valid template
     * @return every scenario that no longer holds, with its differences (empty when all hold)
     */
    List<ScenarioFailure> failures(Template template);

    /**
     * A scenario that no longer holds.
     *
     * @param scenario    its name
     * @param differences what differs, one line each
     */
    record ScenarioFailure(String scenario, List<String> differences) {
    }
}
