package dev.cadre.platform.engine;

import java.util.Map;

/**
 * A step as the run records hold it: what a resumed run continues from.
 *
 * @param activityCode the activity
 * @param instanceKey  the fan-out instance, or empty
 * @param status       its recorded status
 * @param output       its output, or {@code null}
 * @param outcome      a manual outcome, or {@code null}
 * @param completedBy  who completed a manual step, or {@code null}
 * @param comment      their comment, or {@code null}
 * @param assigneeRole who an open task is for, or {@code null}
 * @param dueAtMillis  when an open task times out (epoch millis), or 0
 * @param error        the recorded error, or {@code null}
 * @param round        the step's recorded round (0 or 1: its first)
 */
public record RecordedStep(String activityCode, String instanceKey, StepStatus status, Map<String, Object> output, Outcome outcome,
        String completedBy, String comment, String assigneeRole, long dueAtMillis, String error, int round) {

    /** A step in its first round. */
    public RecordedStep(String activityCode, String instanceKey, StepStatus status, Map<String, Object> output, Outcome outcome,
            String completedBy, String comment, String assigneeRole, long dueAtMillis, String error) {
        this(activityCode, instanceKey, status, output, outcome, completedBy, comment, assigneeRole, dueAtMillis, error, 1);
    }

    /** @return the step's key */
    public StepKey key() {
        return new StepKey(activityCode, instanceKey);
    }
}
