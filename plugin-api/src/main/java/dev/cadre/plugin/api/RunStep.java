package dev.cadre.plugin.api;

/**
 * One step of the run as its records hold it: what an audit trail is made of. Times are ISO-8601
 * instants ({@code 2026-11-26T10:15:30Z}) or {@code null}.
 *
 * @param activityCode the activity's code
 * @param activityName the activity's name
 * @param activityType START, TASK, REVIEW, APPROVAL or COMPLETE
 * @param manual       whether people complete it
 * @param phase        the phase's name
 * @param instanceKey  the fan-out instance, or empty
 * @param status       PENDING, RUNNING, WAITING, COMPLETED, FAILED, SKIPPED, COMPENSATED or CANCELLED
 * @param outcome      a manual step's outcome (APPROVED, REJECTED, DONE), or {@code null}
 * @param completedBy  who completed a manual step, or {@code null}
 * @param completedAt  when the step ended, or {@code null}
 * @param comment      the person's comment, or {@code null}
 * @param handler      who ran it: {@code builtin} or {@code plugin-id@version}, or {@code null}
 * @param round        which round of the step this is: 1, or 2, 3, ... when it was sent back for rework;
 *                     a step run in several rounds appears once per round, oldest first
 */
public record RunStep(String activityCode, String activityName, String activityType, boolean manual, String phase, String instanceKey,
        String status, String outcome, String completedBy, String completedAt, String comment, String handler, int round) {

    /** A step's only round (as before API 1.3). */
    public RunStep(String activityCode, String activityName, String activityType, boolean manual, String phase, String instanceKey,
            String status, String outcome, String completedBy, String completedAt, String comment, String handler) {
        this(activityCode, activityName, activityType, manual, phase, instanceKey, status, outcome, completedBy, completedAt, comment, handler, 1);
    }
}
