package dev.cadre.platform.simulation;

import dev.cadre.platform.engine.Completion;
import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.StepKey;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.ActivityType;
import dev.cadre.platform.templates.FormFields;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.ScenarioRules;
import dev.cadre.plugin.api.Shapes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The people of a scenario: for each task, who answers how and when. {@code CODE/instance} wins over
 * {@code CODE}, which wins over {@code *}; nobody listed answers at once with the approving outcome. The
 * data a person gives is theirs in {@code people}, else the scenario's {@code outputs} for the step, else
 * an example of the form's required fields.
 */
final class ScenarioPeople {

    /** Who completes simulated tasks. */
    static final String SCENARIO = "scenario";
    /** The shortest answer: a person answers after the task is open, never in the same instant. */
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final Scenario scenario;
    /** Tasks whose person has sent the work back once: a REWORK answer sends it back once, then approves. */
    private final java.util.Set<StepKey> sentBack = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ScenarioPeople(Scenario scenario) {
        this.scenario = scenario;
    }

    /**
     * @param activity the manual activity
     * @param key      its task
     * @return after how long the person completes the task, or empty when they never do
     */
    Optional<Duration> after(ActivityTemplate activity, StepKey key) {
        Scenario.Person person = person(key);
        if (person != null && ScenarioRules.NEVER.equals(person.after())) {
            return Optional.empty();
        }
        Duration after = person == null || person.after() == null ? SHORTEST : Duration.parse(person.after());
        return Optional.of(after.compareTo(SHORTEST) < 0 ? SHORTEST : after);
    }

    /** @return the person's completion of the task */
    Completion completion(ActivityTemplate activity, StepKey key) {
        Scenario.Person person = person(key);
        Outcome outcome = person != null && person.outcome() != null ? Outcome.valueOf(person.outcome())
                : activity.type() == ActivityType.REVIEW || activity.type() == ActivityType.APPROVAL ? Outcome.APPROVED : Outcome.DONE;
        if (outcome == Outcome.REWORK && !sentBack.add(key)) {
            outcome = Outcome.APPROVED; // the second round passes
        }
        Map<String, Object> data = person != null && person.data() != null ? person.data() : given(key).orElseGet(() -> requiredExample(activity));
        return new Completion(key.activityCode(), key.instanceKey(), outcome, SCENARIO, "simulated", data);
    }

    /** @return the scenario's {@code outputs} for the step ({@code CODE/instance}, then {@code CODE}): the data the person gives */
    private Optional<Map<String, Object>> given(StepKey key) {
        Map<String, Object> given = key.instanceKey().isEmpty() ? null : scenario.outputs().get(key.activityCode() + "/" + key.instanceKey());
        return Optional.ofNullable(given != null ? given : scenario.outputs().get(key.activityCode()));
    }

    /** @return an example of the form's required fields: what a person must at least give */
    private static Map<String, Object> requiredExample(ActivityTemplate activity) {
        Map<String, Object> required = new LinkedHashMap<>();
        FormFields.of(activity).ifPresent(form -> form.forEach((name, declaration) -> {
            if (declaration instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("required"))) {
                required.put(name, declaration);
            }
        }));
        return Shapes.example(required);
    }

    private Scenario.Person person(StepKey key) {
        Map<String, Scenario.Person> people = scenario.people();
        Scenario.Person person = key.instanceKey().isEmpty() ? null : people.get(key.activityCode() + "/" + key.instanceKey());
        if (person == null) {
            person = people.get(key.activityCode());
        }
        return person != null ? person : people.get("*");
    }
}
