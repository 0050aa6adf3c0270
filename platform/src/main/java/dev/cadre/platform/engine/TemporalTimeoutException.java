package dev.cadre.platform.engine;

import java.time.Duration;

/**
 * Temporal did not finish a call made for an HTTP request within its deadline. What was asked may still
 * happen (a completion the workflow takes later), so the client should look before it retries.
 */
public final class TemporalTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param what  what was being done
     * @param limit the deadline it missed
     * @param cause what the Temporal client reported
     */
    public TemporalTimeoutException(String what, Duration limit, Throwable cause) {
        super(what + " did not finish within " + limit.toSeconds() + " s; it may still take effect: check before retrying", cause);
    }
}
