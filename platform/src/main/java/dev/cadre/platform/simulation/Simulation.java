package dev.cadre.platform.simulation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A template's run as a simulation played it (the answer of {@code POST /api/templates/simulate}).
 *
 * @param scenario          the scenario's name
 * @param status            how the run ended: COMPLETED or FAILED
 * @param error             why it failed, or {@code null}
 * @param steps             every step the run reached, in the order it reached them
 * @param deadlines         every deadline step ({@code config.sla}) that fired
 * @param fanOuts           the size of every fan-out
 * @param simulatedDuration the run's duration in simulated time (ISO-8601)
 * @param criticalPath      that duration against what the timeouts allow
 * @param expectationsMet   whether the scenario's {@code expect} holds ({@code true} when it states none)
 * @param differences       what does not hold, one line each
 */
public record Simulation(String scenario, String status, @JsonInclude(JsonInclude.Include.NON_NULL) String error, List<Step> steps,
        List<Deadline> deadlines, List<FanOut> fanOuts, String simulatedDuration, CriticalPath criticalPath, boolean expectationsMet,
        List<String> differences) {

    /**
     * One step of the simulated run.
     *
     * @param activity the activity code
     * @param instance the fan-out instance, or empty
     * @param phase    its phase
     * @param status   COMPLETED, SKIPPED, FAILED, COMPENSATED, WAITING or CANCELLED
     * @param outcome  a person's outcome, or {@code null}
     * @param at       when it ended (simulated time), or when it was last seen
     * @param started  when it started (simulated time)
     * @param note     why it was skipped or failed, or {@code null}
     */
    public record Step(String activity, String instance, String phase, String status, @JsonInclude(JsonInclude.Include.NON_NULL) String outcome,
            String at, String started, @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    /**
     * A deadline step that fired.
     *
     * @param activity the task's activity
     * @param instance its instance, or empty
     * @param action   remind, reassign, escalate or complete
     * @param role     the role concerned
     * @param at       when it fired (simulated time)
     * @param dueAt    when the task times out
     */
    public record Deadline(String activity, String instance, String action, String role, String at, String dueAt) {
    }

    /**
     * How many instances a parallel phase fanned out into.
     *
     * @param phase     the phase
     * @param instances how many
     */
    public record FanOut(String phase, int instances) {
    }

    /**
     * The run's duration against its timeouts, per phase in order: a phase takes as long as its slowest
     * path (its sequential steps, then its slowest instance); its budget is the sum of the timeouts on
     * that path.
     *
     * @param duration the run's simulated duration (ISO-8601)
     * @param budget   the sum of the phases' budgets (ISO-8601)
     * @param phases   per phase: duration and budget
     */
    public record CriticalPath(String duration, String budget, List<Phase> phases) {

        /**
         * @param phase    the phase
         * @param duration how long it took (ISO-8601)
         * @param budget   what its timeouts allow (ISO-8601)
         * @param within   whether it took no longer than that
         */
        public record Phase(String phase, String duration, String budget, boolean within) {
        }
    }
}
