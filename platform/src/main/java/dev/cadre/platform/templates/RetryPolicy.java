package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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

    /**
     * Reads a policy from a document: a field left out takes {@link #DEFAULT}'s value, so a template may
     * say only {@code {"maximumAttempts": 5}}; a value given is kept as given (and validated).
     *
     * @param maximumAttempts        total attempts, or {@code null}
     * @param initialIntervalSeconds first retry delay, or {@code null}
     * @param backoffCoefficient     delay factor, or {@code null}
     * @param maximumIntervalSeconds delay cap, or {@code null}
     * @param nonRetryableErrors     failure types not retried, or {@code null}
     * @return the policy
     */
    @JsonCreator
    public static RetryPolicy of(@JsonProperty("maximumAttempts") Integer maximumAttempts,
            @JsonProperty("initialIntervalSeconds") Integer initialIntervalSeconds,
            @JsonProperty("backoffCoefficient") Double backoffCoefficient,
            @JsonProperty("maximumIntervalSeconds") Integer maximumIntervalSeconds,
            @JsonProperty("nonRetryableErrors") List<String> nonRetryableErrors) {
        return new RetryPolicy(
                maximumAttempts == null ? DEFAULT.maximumAttempts() : maximumAttempts,
                initialIntervalSeconds == null ? DEFAULT.initialIntervalSeconds() : initialIntervalSeconds,
                backoffCoefficient == null ? DEFAULT.backoffCoefficient() : backoffCoefficient,
                maximumIntervalSeconds == null ? DEFAULT.maximumIntervalSeconds() : maximumIntervalSeconds,
                nonRetryableErrors);
    }
}
