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
 * @param recordedByWorkflow whether the workflow records the step's state (every run started by this
 *                           version); {@code false} only in invocations of runs started before, whose
 *                           activity still writes the record itself ({@link LegacyStepRecords})
 * @param writes             the workflow's record writes still to be applied (the step before ended,
 *                           this one runs), applied by the activity before the handler runs so they cost
 *                           no round trip of their own; idempotent, so a retry applies them again harmlessly
 * @param phase              a phase the run entered, to record as its current one first, or {@code null}
 */
public record ActivityInvocation(String workflowId, StepKey step, Object instance, StepKey parent, int maxAttempts,
        List<String> nonRetryableErrors, Map<String, Object> compensation, boolean recordedByWorkflow, List<StepWrite> writes, String phase) {

    /** Copies the lists. */
    public ActivityInvocation {
        nonRetryableErrors = nonRetryableErrors == null ? List.of() : List.copyOf(nonRetryableErrors);
        writes = writes == null ? List.of() : List.copyOf(writes);
    }

    /** @return whether this invocation undoes a completed execution */
    public boolean compensates() {
        return compensation != null;
    }
}
