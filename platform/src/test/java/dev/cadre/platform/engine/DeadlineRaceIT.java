package dev.cadre.platform.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs cancelled just as their task's deadline passes. The workflow used to cancel the deadline timer
 * with its scope, and the Java test server refused to cancel a timer that had fired while the workflow
 * task was out ({@code INVALID_ARGUMENT}) after it had already closed that task, so the run hung
 * RUNNING. Real time (no result is awaited, so nothing skips time): the cancels are spread around each
 * task's due time so that some land while the cancel's workflow task is out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadlineRaceIT {

    private static final int RUNS = 30;
    /** Where the first cancel lands before the due time, and how far apart the next ones are (ms). */
    private static final long FIRST_OFFSET = -150;
    private static final long STEP = 10;

    EngineFixture fixture;

    @BeforeAll
    void start(@TempDir Path home) {
        fixture = new EngineFixture(home);
        fixture.importTemplate("deadline-race.json");
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void aRunCancelledAsItsTaskDeadlinePassesEnds() {
        List<String> ids = IntStream.range(0, RUNS)
                .mapToObj(run -> fixture.workflows.start(new WorkflowRequest("deadline-race", 1, "RACE-" + run, Map.of())).workflowId())
                .toList();
        await("every task is open").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> ids.stream().allMatch(id -> dueAt(id) != null));
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int run = 0; run < RUNS; run++) {
                String id = ids.get(run);
                long cancelAt = dueAt(id) + FIRST_OFFSET + STEP * run;
                clock.schedule(() -> fixture.workflows.cancel(id), Math.max(0, cancelAt - fixture.environment.currentTimeMillis()),
                        TimeUnit.MILLISECONDS);
            }
            for (String id : ids) {
                await(id + " ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !"RUNNING".equals(fixture.runStatus(id)));
                String status = fixture.runStatus(id);
                // cancelled, or failed by its deadline when that came first: either way it ended and rolled back
                assertTrue(List.of("CANCELLED", "FAILED").contains(status), id + " is " + status);
            }
        } finally {
            clock.shutdownNow();
        }
    }

    /** @return when the run's task is due (epoch millis), or null while it is not open */
    private Long dueAt(String workflowId) {
        Map<String, Object> sign = fixture.steps(workflowId).get("SIGN");
        Object due = sign == null ? null : sign.get("due_at");
        if (due instanceof Timestamp timestamp) {
            return timestamp.getTime();
        }
        return due instanceof OffsetDateTime time ? time.toInstant().toEpochMilli() : null;
    }
}
