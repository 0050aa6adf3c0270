package dev.cadre.plugin.api;

/**
 * A failure with a stable type that templates can refer to in a retry policy's
 * {@code nonRetryableErrors}. Any other exception thrown by a handler is treated as retryable with
 * its class name as type.
 */
public final class ActivityFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final boolean retryable;

    private ActivityFailure(String type, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("failure type must not be blank");
        }
        this.type = type;
        this.retryable = retryable;
    }

    /**
     * A failure that may pass: the host retries under the template's retry policy (unless the policy
     * lists {@code type} as non-retryable).
     *
     * @param type    a stable name, for example {@code SourceUnavailable}
     * @param message what went wrong, for people
     * @return the failure, to throw
     */
    public static ActivityFailure retryable(String type, String message) {
        return new ActivityFailure(type, message, true, null);
    }

    /**
     * A failure no retry can fix, for example bad input: the activity fails at once.
     *
     * @param type    a stable name, for example {@code InvalidInput}
     * @param message what went wrong and where, for people
     * @return the failure, to throw
     */
    public static ActivityFailure nonRetryable(String type, String message) {
        return new ActivityFailure(type, message, false, null);
    }

    /**
     * @param cause the underlying exception, kept for the log
     * @return a copy of this failure with a cause
     */
    public ActivityFailure withCause(Throwable cause) {
        return new ActivityFailure(type, getMessage(), retryable, cause);
    }

    /** @return the stable failure type */
    public String type() {
        return type;
    }

    /** @return whether the host may retry the activity */
    public boolean isRetryable() {
        return retryable;
    }
}
