package dev.cadre.platform.engine;

import java.util.Map;

/**
 * What a handler activity returns to the workflow, which records it: the workflow is the one writer
 * of step state.
 *
 * @param status  COMPLETED, SKIPPED, WAITING (a manual task was opened) or COMPENSATED
 * @param output  the handler's output (small, JSON-compatible)
 * @param message the handler's message, or {@code null}
 * @param handler where the handler came from: {@code builtin} or {@code plugin@version}
 * @param sha256  the SHA-256 of the plugin JAR the handler came from, or {@code null} for a built-in
 * @param attempt the Temporal attempt that produced this outcome (1-based; 0 in histories recorded
 *                before the workflow wrote step state itself)
 */
public record StepOutcome(StepStatus status, Map<String, Object> output, String message, String handler, String sha256, int attempt) {

    /** Defaults output to empty. */
    public StepOutcome {
        output = output == null ? Map.of() : output;
    }
}
