package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One path through a template, played by a simulation: the run's parameters, what stubbed handlers
 * return, how people answer, and what the run must come to. A template version may keep scenarios;
 * publishing it runs them.
 *
 * @param name       what the scenario is, unique in its template, for example {@code final sign-off rejected}
 * @param parameters the run's start parameters
 * @param outputs    per activity code, the output its stubbed handler returns (otherwise an example of
 *                   the handler's declared shape)
 * @param people     per {@code CODE}, {@code CODE/instance} or {@code *}, how the person answers
 * @param expect     what the run must come to, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(String name, Map<String, Object> parameters, Map<String, Map<String, Object>> outputs,
        Map<String, Person> people, Expectation expect) {

    /** Copies the maps, absent ones empty. */
    public Scenario {
        parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
        outputs = outputs == null ? Map.of() : new LinkedHashMap<>(outputs);
        people = people == null ? Map.of() : new LinkedHashMap<>(people);
    }

    /**
     * How a person answers a task.
     *
     * @param outcome APPROVED, REJECTED, DONE, or REWORK (sends the work back once, then approves); {@code null} = the type's approving one
     * @param after   an ISO-8601 duration from the task's opening, or {@code never}; {@code null} = at once
     * @param data    the completion's data
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(String outcome, String after, Map<String, Object> data) {
    }

    /**
     * What a run must come to.
     *
     * @param status  COMPLETED or FAILED, or {@code null} for any
     * @param ran     steps ({@code CODE} or {@code CODE/instance}) that must have run (completed or failed)
     * @param skipped steps that must have been skipped
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Expectation(String status, List<String> ran, List<String> skipped) {

        /** Copies the lists, absent ones empty. */
        public Expectation {
            ran = ran == null ? List.of() : List.copyOf(ran);
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }
    }
}
