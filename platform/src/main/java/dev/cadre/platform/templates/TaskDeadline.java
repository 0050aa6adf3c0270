package dev.cadre.platform.templates;

import java.time.Duration;

/**
 * One deadline step of a manual activity ({@code config.sla}): when the task has been open for
 * {@code after}, Cadre acts.
 *
 * @param after   how long after the task opened
 * @param action  what happens then
 * @param role    the role a {@code reassign} moves the task to, or an {@code escalate} adds; else {@code null}
 * @param outcome the outcome a {@code complete} gives; else {@code null}
 */
public record TaskDeadline(Duration after, Action action, String role, String outcome) {

    /** What a deadline does. */
    public enum Action {
        /** Reminds the task's role. */
        REMIND,
        /** Moves the task to another role. */
        REASSIGN,
        /** Adds a role that may also complete the task. */
        ESCALATE,
        /** Completes the task with a fixed outcome, by {@code deadline}. */
        COMPLETE;

        /** @return the name templates use: {@code remind}, {@code reassign}, ... */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
