package dev.cadre.platform.engine;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats every running handler on its behalf. A handler activity has a heartbeat timeout, so when
 * its host dies Temporal notices within that timeout and runs the step elsewhere, instead of waiting
 * for the step's StartToClose (up to 30 minutes for some test-cycle steps).
 */
final class Heartbeats implements AutoCloseable {

    /** How long Temporal waits for a heartbeat before it considers the worker lost. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    private static final long INTERVAL_MILLIS = TIMEOUT.toMillis() / 4;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cadre-heartbeats");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param execution the running activity
     * @param details   the latest details the handler reported (re-sent so they are never replaced by nothing)
     * @return a ticket that stops the heartbeats when closed
     */
    Ticket start(ActivityExecutionContext execution, Supplier<Object> details) {
        ScheduledFuture<?> future = ticker.scheduleWithFixedDelay(() -> beat(execution, details), INTERVAL_MILLIS, INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    private static void beat(ActivityExecutionContext execution, Supplier<Object> details) {
        try {
            execution.heartbeat(details.get());
        } catch (ActivityCompletionException e) {
            // cancelled or timed out: the handler's own result will be discarded by Temporal
            log.debug("Heartbeat refused: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("Heartbeat failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** Stops the heartbeats of one execution. */
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }
}
