package dev.cadre.platform.engine;

import java.util.Map;

/**
 * What a handler activity returns to the workflow.
 *
 * @param status  COMPLETED, SKIPPED, WAITING (a manual task was opened) or COMPENSATED
 * @param output  the handler's output (small, JSON-compatible)
 * @param message the handler's message, or {@code null}
 * @param handler where the handler came from: {@code builtin} or {@code plugin@version}
 */
public record StepOutcome(StepStatus status, Map<String, Object> output, String message, String handler) {

    /** Defaults output to empty. */
    public StepOutcome {
        output = output == null ? Map.of() : output;
    }
}
