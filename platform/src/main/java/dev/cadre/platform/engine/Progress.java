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
 * @param steps        every step reached so far, in the order they started
 */
public record Progress(String template, int version, String status, String currentPhase, String error, List<Step> steps) {

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
