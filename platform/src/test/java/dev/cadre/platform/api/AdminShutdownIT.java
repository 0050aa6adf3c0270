package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the admin endpoint ends within its grace plus {@link AdminServer#STOP_TIMEOUT} even when a worker thread
 * never returns and ignores interrupts (as a request parked in a call without deadline does). Before, Undertow's
 * stop waited for the worker without end and the host hung until SIGKILL.
 */
class AdminShutdownIT {

    @TempDir
    Path home;

    @Test
    void aStuckWorkerThreadDoesNotHoldShutdown() {
        CountDownLatch released = new CountDownLatch(1);
        try (ApiFixture api = new ApiFixture(home)) {
            api.server.worker().execute(() -> {
                while (released.getCount() > 0) {
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        // ignored, as a blocked socket read or a busy loop would
                    }
                }
            });
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> api.server.close(Duration.ofSeconds(1)));
        } finally {
            released.countDown();
        }
    }
}
