package dev.cadre.platform.engine;

import java.util.List;

/**
 * Live progress of a workflow, answered by a query from workflow state (no database).
 *
 * @param template     template code
 * @param version      template version the run uses
 * @param status       RUNNING, COMPLETED, FAILED or CANCELLED
 * @param currentPhase the phase running now, or {@code null}
 * @param error        why the workflow failed, or {@code null}
 * @param steps        the steps reached so far, in the order they started: the first {@link #MAX_STEPS} (a
 *                     bigger run's are in its records), so the answer stays far below Temporal's payload limit
 */
public record Progress(String template, int version, String status, String currentPhase, String error, List<Step> steps) {

    /** The most steps a progress answer lists. */
    public static final int MAX_STEPS = 2_000;

    /**
     * One step.
     *
     * @param activityCode the activity
     * @param instanceKey  the fan-out instance, or empty
     * @param phase        the phase's name
     * @param status       its status
     * @param outcome      a manual step's outcome, or {@code null}
     * @param error        why it failed, or {@code null}
     */
    public record Step(String activityCode, String instanceKey, String phase, StepStatus status, Outcome outcome, String error) {
    }
}
