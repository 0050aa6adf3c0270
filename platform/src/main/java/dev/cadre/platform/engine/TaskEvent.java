package dev.cadre.platform.engine;

/**
 * A deadline step of a waiting task that fired. Recording it applies its effect on the task's record:
 * {@code reassign} moves the task to {@code role}, {@code escalate} adds {@code role} to the roles that
 * may complete it.
 *
 * @param step        the task
 * @param event       remind, reassign, escalate or complete
 * @param role        the role reminded, moved to or added
 * @param dueAtMillis when the task times out (epoch millis)
 * @param note        what happened, in words
 */
public record TaskEvent(StepKey step, String event, String role, long dueAtMillis, String note) {
}
