package dev.cadre.platform.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parallel phase whose failing instance makes the workflow cancel siblings that are finishing at
 * the same moment. The Java test server refused such a cancel ({@code ACTIVITY_UNKNOWN}) after it had
 * already closed the workflow task, so the run hung RUNNING and never rolled back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelRaceIT {

    private static final int INSTANCES = 12;
    private static final int RUNS = 6;

    EngineFixture fixture;
    final RaceHandler race = new RaceHandler();

    @BeforeAll
    void start(@TempDir Path home) {
        fixture = new EngineFixture(home);
        fixture.handlers.register(race);
        fixture.importTemplate("race.json");
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void aFailingInstanceWhoseSiblingsFinishTogetherFailsTheRunWithItsCompensation() {
        List<String> items = IntStream.range(0, INSTANCES).mapToObj(i -> i == 0 ? "fail" : "ok" + i).toList();
        for (int run = 0; run < RUNS; run++) {
            String id = fixture.workflows.start(new WorkflowRequest("race", 1, "race-" + run, Map.of("items", items))).workflowId();

            await("run " + run + " ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ended(id));

            assertEquals("FAILED", fixture.runStatus(id), "run " + run);
            assertEquals("FAILED", fixture.stepStatus(id, "RACE[fail]"));
            // the instances that completed are undone or stopped, none is left as if the run went on
            fixture.steps(id).forEach((step, row) -> {
                if (step.startsWith("RACE[ok")) {
                    String status = (String) row.get("status");
                    assertEquals(true, List.of("COMPENSATED", "CANCELLED", "FAILED").contains(status), step + " is " + status);
                }
            });
        }
    }

    private boolean ended(String workflowId) {
        List<Map<String, Object>> rows = fixture.query("SELECT status FROM workflow_instances WHERE workflow_id = ?", workflowId);
        return !rows.isEmpty() && !"RUNNING".equals(rows.get(0).get("status"));
    }

    /** Every instance of a run waits for all the others; then {@code fail} fails and the rest complete. */
    static final class RaceHandler implements ActivityHandler {
        private final Map<String, CyclicBarrier> barriers = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "RaceHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) throws InterruptedException {
            String item = context.instance().orElseThrow().toString();
            try {
                barriers.computeIfAbsent(context.workflowId(), id -> new CyclicBarrier(INSTANCES)).await(30, TimeUnit.SECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw ActivityFailure.nonRetryable("RaceBroken", "the instances did not meet: " + e);
            }
            if (item.equals("fail")) {
                throw ActivityFailure.nonRetryable("InvalidInput", "fails as its siblings finish");
            }
            return ActivityResult.completed(Map.of("item", item));
        }
    }
}
