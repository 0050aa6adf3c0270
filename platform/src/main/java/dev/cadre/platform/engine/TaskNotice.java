package dev.cadre.platform.engine;

/**
 * What a notification says about a task event (the webhook's JSON body).
 *
 * @param event       remind, reassign, escalate or complete
 * @param workflowId  the run
 * @param businessKey what the run is about
 * @param activity    the task's activity code
 * @param instance    its fan-out instance, or empty
 * @param role        the role the event concerns
 * @param dueAt       when the task times out (ISO-8601)
 */
public record TaskNotice(String event, String workflowId, String businessKey, String activity, String instance, String role, String dueAt) {
}
