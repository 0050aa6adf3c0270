package dev.cadre.platform.runs;

import java.time.Instant;

/**
 * A manual task of the inbox ({@code GET /api/tasks}, the console's "My tasks"), oldest due first.
 *
 * @param workflowId   its run
 * @param businessKey  the run's business key
 * @param template     the run's template code
 * @param phase        its phase
 * @param activityCode its activity
 * @param activityName the activity's name
 * @param activityType TASK, REVIEW or APPROVAL
 * @param instanceId   its instance ({@code ""} when none)
 * @param status       the step status
 * @param assigneeRole the role it is for, or {@code null}
 * @param escalatedTo  roles it was escalated to, comma-separated, or {@code null}
 * @param dueAt        when it is due, or {@code null}
 * @param startedAt    when it opened, or {@code null}
 * @param outcome      its outcome once completed, or {@code null}
 * @param completedBy  who completed it, or {@code null}
 * @param completedAt  when, or {@code null}
 * @param assignedTo   the person it is assigned to ({@code config.assignee}), or {@code null} when it is its role's
 * @param claimedBy    who has claimed it while it waits, or {@code null}
 * @param claimedAt    when they claimed it, or {@code null}
 */
public record TaskView(String workflowId, String businessKey, String template, String phase, String activityCode, String activityName,
                       String activityType, String instanceId, String status, String assigneeRole, String escalatedTo, Instant dueAt,
                       Instant startedAt, String outcome, String completedBy, Instant completedAt, String assignedTo, String claimedBy,
                       Instant claimedAt) {

    /** @return whether it is past its due time at {@code now} */
    public boolean overdue(Instant now) {
        return dueAt != null && dueAt.isBefore(now);
    }
}
