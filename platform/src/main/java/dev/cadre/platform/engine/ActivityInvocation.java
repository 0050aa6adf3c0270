package dev.cadre.platform.engine;

import java.util.List;
import java.util.Map;

/**
 * The argument of every handler activity. It stays small: the activity reads parameters, config and
 * upstream outputs from the run records, so Temporal payloads and history do not grow with them.
 *
 * @param workflowId         the run's workflow id
 * @param step               which activity and instance
 * @param instance           the fan-out element, or {@code null}
 * @param parent             the step before this one (instance predecessor or phase START), or {@code null}
 * @param maxAttempts        how many handler executions the retry policy allows (attempts in which no
 *                           handler was found do not count)
 * @param nonRetryableErrors failure types that end the activity at once
 * @param compensation       the completed output to compensate, or {@code null} for a normal execution
 * @param changes            the workflow's step-state changes still to be recorded (the step before
 *                           ended, this one runs), applied before the handler runs
 */
public record ActivityInvocation(String workflowId, StepKey step, Object instance, StepKey parent, int maxAttempts,
        List<String> nonRetryableErrors, Map<String, Object> compensation, StepChanges changes) {

    /** Copies the list. */
    public ActivityInvocation {
        nonRetryableErrors = nonRetryableErrors == null ? List.of() : List.copyOf(nonRetryableErrors);
        changes = changes == null ? StepChanges.NONE : changes;
    }

    /** @return whether this invocation undoes a completed execution */
    public boolean compensates() {
        return compensation != null;
    }
}
