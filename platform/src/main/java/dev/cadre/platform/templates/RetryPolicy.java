package dev.cadre.platform.templates;

import java.util.List;

/**
 * How failed attempts of an automated activity are retried (Temporal retry options).
 *
 * @param maximumAttempts        total attempts including the first, 1 = no retry
 * @param initialIntervalSeconds delay before the first retry
 * @param backoffCoefficient     factor applied to the delay after each retry, at least 1
 * @param maximumIntervalSeconds cap on the delay
 * @param nonRetryableErrors     failure types that fail the activity at once
 */
public record RetryPolicy(int maximumAttempts, int initialIntervalSeconds, double backoffCoefficient,
        int maximumIntervalSeconds, List<String> nonRetryableErrors) {

    /** The seed's default for automated tasks: 3 attempts with exponential backoff. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, 1, 2.0, 60, List.of());

    /** Copies the error list. */
    public RetryPolicy {
        nonRetryableErrors = nonRetryableErrors == null ? List.of() : List.copyOf(nonRetryableErrors);
    }
}
