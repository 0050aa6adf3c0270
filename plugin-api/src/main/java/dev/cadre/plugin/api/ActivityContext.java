package dev.cadre.plugin.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * What a handler knows about the activity it runs. Implemented by the host (and by the test kit for
 * unit tests). A context is valid for one {@link ActivityHandler#execute} call only.
 *
 * <p>All maps are unmodifiable and hold JSON-compatible values: {@code Map<String, Object>},
 * {@code java.util.List}, {@code String}, {@code Long} or {@code Double} numbers, {@code Boolean},
 * {@code null}.
 */
public interface ActivityContext {

    /** @return the Temporal workflow id of the run this activity belongs to */
    String workflowId();

    /** @return the business key the workflow was started with, for example {@code REPORT-2026-Q3} */
    String businessKey();

    /** @return the code of the activity in its template, for example {@code GENERATE_TEST_CASES} */
    String activityCode();

    /** @return the name of the phase the activity belongs to, for example {@code Test Execution} */
    String phase();

    /**
     * @return the stable key of the fan-out instance this activity runs in (for a string element,
     *         the string itself), or the empty string when the activity is not a parallel instance
     */
    String instanceKey();

    /** @return the attempt number, 1 for the first execution, 2 for the first retry, and so on */
    int attempt();

    /** @return the parameters the workflow was started with */
    Map<String, Object> parameters();

    /** @return the activity template's {@code config} object (empty when it has none) */
    Map<String, Object> config();

    /**
     * @return the fan-out element of this instance (a string, number or map, as the phase's fan-out
     *         expression produced it), or empty when the activity is not a parallel instance
     */
    Optional<Object> instance();

    /**
     * The output of an upstream activity, as this activity sees it: for a sequential activity its
     * output; for a parallel activity of the same fan-out as this instance, the output of the same
     * instance. Empty when that activity did not complete (not run yet, skipped, unknown code) or when
     * it is a parallel activity of another fan-out (use {@link #outputs()} for those).
     *
     * @param activityCode the upstream activity's code
     * @return its output, if there is one visible from here
     */
    Optional<Map<String, Object>> output(String activityCode);

    /**
     * Every upstream output of the run, keyed by activity code. A sequential activity maps to its
     * output map; a parallel activity maps to a map from instance key to that instance's output. This
     * is the same view that conditions and fan-out expressions see as {@code outputs}.
     *
     * @return upstream outputs by activity code
     */
    Map<String, Object> outputs();

    /**
     * Reports progress of a long-running activity and proves it is alive. Cheap to call often; the
     * host throttles what it sends. Details must be JSON-compatible and small.
     *
     * @param details progress information, or {@code null}
     */
    void heartbeat(Object details);

    /** @return blob storage scoped to this workflow run, kept in PostgreSQL */
    ArtifactStore artifacts();

    /** @return a logger whose lines carry the workflow id, activity code and instance key */
    Logger log();

    /** @return the code of the run's template (API 1.1) */
    default String templateCode() {
        return "";
    }

    /** @return the version of the template the run uses (API 1.1) */
    default int templateVersion() {
        return 0;
    }

    /**
     * The run's steps as its records hold them when this execution started, in the order they were
     * first recorded: who completed which manual step, when, with what outcome and comment, and which
     * handler ran each automated one. What an audit trail or a sign-off section is made of (API 1.1).
     *
     * @return the recorded steps
     */
    default List<RunStep> steps() {
        return List.of();
    }
}
