package dev.cadre.plugin.api;

import java.util.Map;
import java.util.Objects;

/**
 * What an activity execution produced.
 *
 * @param status  {@link Status#COMPLETED} or {@link Status#SKIPPED}
 * @param output  a small JSON-compatible map that downstream activities, conditions and fan-out
 *                expressions read (never {@code null}; empty for a skip)
 * @param message a human-readable summary shown to admins, or {@code null}
 */
public record ActivityResult(Status status, Map<String, Object> output, String message) {

    /** How an execution ended when it did not fail. */
    public enum Status {
        /** The work was done; {@link ActivityResult#output()} holds its result. */
        COMPLETED,
        /** The handler decided there was nothing to do; the reason is in the message. */
        SKIPPED
    }

    /**
     * @param status  the status, not {@code null}
     * @param output  the output, copied; {@code null} means empty
     * @param message the message, may be {@code null}
     */
    public ActivityResult {
        Objects.requireNonNull(status, "status");
        output = output == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(output));
    }

    /**
     * @param output the result of the work
     * @return a completed result
     */
    public static ActivityResult completed(Map<String, Object> output) {
        return new ActivityResult(Status.COMPLETED, output, null);
    }

    /**
     * @param output  the result of the work
     * @param message a summary for people, for example {@code "25 samples drawn"}
     * @return a completed result
     */
    public static ActivityResult completed(Map<String, Object> output, String message) {
        return new ActivityResult(Status.COMPLETED, output, message);
    }

    /**
     * @param reason why nothing was done
     * @return a skipped result; the activity is recorded SKIPPED and its dependents still run
     */
    public static ActivityResult skipped(String reason) {
        return new ActivityResult(Status.SKIPPED, Map.of(), reason);
    }

    /** @return whether the activity was skipped */
    public boolean isSkipped() {
        return status == Status.SKIPPED;
    }
}
