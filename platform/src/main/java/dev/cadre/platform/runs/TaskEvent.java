package dev.cadre.platform.runs;

import java.time.Instant;

/**
 * A deadline step of a manual task that fired.
 *
 * @param activityCode the task's activity
 * @param instanceId   its instance ({@code ""} when none)
 * @param event        remind, reassign, escalate or complete
 * @param role         the role it went to, or {@code null}
 * @param dueAt        the task's due time, or {@code null}
 * @param note         what happened, or {@code null}
 * @param occurredAt   when
 */
public record TaskEvent(String activityCode, String instanceId, String event, String role, Instant dueAt, String note, Instant occurredAt) {
}
