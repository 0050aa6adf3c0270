package dev.cadre.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Awaitility for the end-to-end tests: the condition runs on the test's thread (it may act, e.g.
 * complete a task, and may fail the test at once), and a timeout fails with what a person needs to see,
 * such as the host's output.
 */
public final class Poll {

    private Poll() {
    }

    /**
     * @param limit     how long to wait at most
     * @param interval  how often to check
     * @param condition checked at once, then every {@code interval}
     * @param onTimeout the failure message, built only when the time is up
     */
    public static void until(Duration limit, Duration interval, Callable<Boolean> condition, Callable<String> onTimeout) {
        try {
            Awaitility.await().atMost(limit).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(interval).until(condition);
        } catch (ConditionTimeoutException e) {
            String message;
            try {
                message = onTimeout.call();
            } catch (Exception describing) {
                message = "timed out after " + limit + " (and the failure could not be described: " + describing + ")";
            }
            fail(message);
        }
    }
}
