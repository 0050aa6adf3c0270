package dev.cadre.platform.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls a condition a person would check, until it holds or a minute has passed. */
public final class Waits {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Waits() {
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition checked every 25 ms
     */
    public static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
