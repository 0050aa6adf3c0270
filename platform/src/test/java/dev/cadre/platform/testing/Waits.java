package dev.cadre.platform.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Polls a condition a person would check, until it holds or a minute has passed. */
public final class Waits {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Waits() {
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition checked every 25 ms, on the calling thread
     */
    public static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(PATIENCE).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25))
                .until(condition::getAsBoolean);
    }
}
