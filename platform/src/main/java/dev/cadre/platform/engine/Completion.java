package dev.cadre.platform.engine;

import java.util.Map;

/**
 * A person's completion of a manual activity, delivered to the workflow as an update.
 *
 * @param activityCode the manual activity's code
 * @param instanceId   the fan-out instance key, or empty/{@code null} when the activity is not parallel
 * @param outcome      APPROVED or REJECTED for reviews and approvals, DONE for tasks
 * @param completedBy  who completed it
 * @param comment      free text, may be {@code null}
 * @param data         JSON-compatible data the person supplies (downstream handlers read it)
 * @param override     whether an admin completed a task of a role they do not hold
 */
public record Completion(String activityCode, String instanceId, Outcome outcome, String completedBy, String comment,
        Map<String, Object> data, boolean override) {

    /**
     * A completion by someone holding the task's role.
     *
     * @param activityCode the manual activity's code
     * @param instanceId   the fan-out instance key, or empty
     * @param outcome      the outcome
     * @param completedBy  who completed it
     * @param comment      free text, may be {@code null}
     * @param data         data the person supplies
     */
    public Completion(String activityCode, String instanceId, Outcome outcome, String completedBy, String comment, Map<String, Object> data) {
        this(activityCode, instanceId, outcome, completedBy, comment, data, false);
    }

    /** Normalises absent parts. */
    public Completion {
        instanceId = instanceId == null ? "" : instanceId;
        data = data == null ? Map.of() : data;
    }

    /** @return the key of the step this completion is for */
    public StepKey step() {
        return new StepKey(activityCode, instanceId);
    }
}
