package dev.cadre.platform.templates;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the scenarios a template keeps, and one given to a simulation: names unique, people and
 * outputs naming the template's steps, outcomes that exist, durations that parse, an expected status a
 * run can end with.
 */
public final class ScenarioRules {

    /** What {@code after} says for a person who never answers. */
    public static final String NEVER = "never";
    private static final Set<String> OUTCOMES = Set.of("APPROVED", "REJECTED", "DONE", "REWORK");
    private static final Set<String> STATUSES = Set.of("COMPLETED", "FAILED");

    private ScenarioRules() {
    }

    static void check(Template template, ProblemCollector problems) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < template.scenarios().size(); i++) {
            Scenario scenario = template.scenarios().get(i);
            String path = "scenarios[" + i + "]";
            if (problems.required(path + ".name", scenario.name()) && !names.add(scenario.name())) {
                problems.error(path + ".name", "duplicate scenario name '" + scenario.name() + "'");
            }
            check(template, scenario, path, problems);
        }
    }

    /**
     * @param template the template the scenario plays
     * @param scenario the scenario
     * @return its problems, with paths under {@code scenario}
     */
    public static ValidationReport check(Template template, Scenario scenario) {
        ProblemCollector problems = new ProblemCollector();
        check(template, scenario, "scenario", problems);
        return problems.report();
    }

    private static void check(Template template, Scenario scenario, String path, ProblemCollector problems) {
        for (String step : scenario.outputs().keySet()) {
            String code = step.contains("/") ? step.substring(0, step.indexOf('/')) : step;
            if (template.activity(code).isEmpty()) {
                problems.error(path + ".outputs." + step, "no step '" + code + "' in template " + template.code());
            }
        }
        for (Map.Entry<String, Scenario.Person> entry : scenario.people().entrySet()) {
            String at = path + ".people." + entry.getKey();
            String code = entry.getKey().contains("/") ? entry.getKey().substring(0, entry.getKey().indexOf('/')) : entry.getKey();
            if (!code.equals("*") && template.activity(code).filter(ActivityTemplate::manual).isEmpty()) {
                problems.error(at, "no manual step '" + code + "' in template " + template.code());
            }
            Scenario.Person person = entry.getValue();
            if (person == null) {
                problems.error(at, "must be an object {outcome?, after?, data?}");
                continue;
            }
            if (person.outcome() != null && !OUTCOMES.contains(person.outcome())) {
                problems.error(at + ".outcome", "must be APPROVED, REJECTED, DONE or REWORK, got '" + person.outcome() + "'");
            }
            if (person.after() != null && !NEVER.equals(person.after())) {
                try {
                    if (Duration.parse(person.after()).isNegative()) {
                        problems.error(at + ".after", "must not be negative, got " + person.after());
                    }
                } catch (DateTimeParseException e) {
                    problems.error(at + ".after", "must be an ISO-8601 duration such as PT2H or P3D, or \"never\"; got '" + person.after() + "'");
                }
            }
        }
        Scenario.Expectation expect = scenario.expect();
        if (expect != null) {
            if (expect.status() != null && !STATUSES.contains(expect.status())) {
                problems.error(path + ".expect.status", "must be COMPLETED or FAILED, got '" + expect.status() + "'");
            }
            steps(template, expect.ran(), path + ".expect.ran", problems);
            steps(template, expect.skipped(), path + ".expect.skipped", problems);
        }
    }

    private static void steps(Template template, List<String> steps, String path, ProblemCollector problems) {
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            String code = step == null ? null : step.contains("/") ? step.substring(0, step.indexOf('/')) : step;
            if (code == null || template.activity(code).isEmpty()) {
                problems.error(path + "[" + i + "]", "no step '" + step + "' in template " + template.code());
            }
        }
    }
}
