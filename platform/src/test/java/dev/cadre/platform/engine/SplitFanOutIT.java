package dev.cadre.platform.engine;

import static dev.cadre.platform.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import io.temporal.client.WorkflowFailedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs beyond one history. A run whose history grows long continues as new between phases. A fan-out
 * too big for one history runs in child-workflow batches: every step is recorded as before,
 * {@code maxParallelism} holds across batches, tasks inside instances are completed through the run,
 * a failure stops every batch and compensation undoes steps in all of them, cancellation too, and a
 * fan-out beyond {@code maxInstances} fails at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitFanOutIT {

    /** 8 + 16 estimated events per instance: 208 instances per batch, so 500 items make three batches. */
    private static final int ITEMS = 500;

    EngineFixture fixture;
    final WorkHandler work = new WorkHandler();
    final CountingHandler counting = new CountingHandler();

    @BeforeAll
    void start(@TempDir Path home) {
        fixture = new EngineFixture(home);
        fixture.handlers.register(new MiniHandlers.StoreHandler());
        fixture.handlers.register(new MiniHandlers.FlakyHandler());
        fixture.handlers.register(work);
        fixture.handlers.register(counting);
        fixture.importTemplate("split.json");
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    /**
     * No payload of these big runs (batches of 500 and 10,000 instances, a run continued as new) nears
     * Temporal's 2 MB limit: the engine's own payloads are bounded per batch, page and carried write,
     * not by the size of the fan-out.
     */
    @org.junit.jupiter.api.AfterEach
    void noPayloadPassesTheBound() {
        org.slf4j.LoggerFactory.getLogger(SplitFanOutIT.class).info("Largest payload so far: {} bytes", fixture.payloads.largest());
        assertTrue(fixture.payloads.largest() < PayloadWatch.BOUND, "largest payload " + fixture.payloads.largest()
                + " bytes, at most " + PayloadWatch.BOUND + ": " + fixture.payloads.largestKind());
    }

    @Test
    void bigFanOutRunsInBatchesWithTasksDependenciesAndParallelismIntact() throws Exception {
        work.reset(20);
        String id = start("batches", Map.of("manualFor", List.of("item-7", "item-450")));
        await("both tasks waiting", () -> "WAITING".equals(status(id, "CHECK[item-7]")) && "WAITING".equals(status(id, "CHECK[item-450]")));

        fixture.workflows.complete(id, new Completion("CHECK", "item-7", Outcome.DONE, "rita", "first batch", Map.of()));
        fixture.workflows.complete(id, new Completion("CHECK", "item-450", Outcome.DONE, "rita", "last batch", Map.of()));
        fixture.workflows.stub(id).getResult(WorkflowResult.class);

        Map<String, Map<String, Object>> rows = rows(id);
        assertEquals(2 + 2 * ITEMS + 3, rows.size(), "PREPARE, FAN_START, WORK and CHECK per item, FAN_COMPLETE, SUMMARIZE, FINISH");
        assertEquals(ITEMS, count(rows, "WORK[", "COMPLETED"));
        assertEquals(ITEMS - 2, count(rows, "CHECK[", "SKIPPED"));
        assertEquals("rita", rows.get("CHECK[item-7]").get("completed_by"));
        assertEquals("rita", rows.get("CHECK[item-450]").get("completed_by"));
        assertEquals("COMPLETED", rows.get("SUMMARIZE").get("status"), "the run saw every instance's output after the split");
        assertEquals("COMPLETED", rows.get("FINISH").get("status"));
        assertTrue(work.maxRunning.get() <= 40, "at most maxParallelism at once across batches, saw " + work.maxRunning.get());
        assertTrue(work.maxRunning.get() > 13, "batches run side by side (13 instances each), saw " + work.maxRunning.get());

        Workflows.History history = fixture.workflows.history(id).orElseThrow();
        assertRecordedHistoryAgrees(id, history);
        assertEquals(4, history.executions(), "the run and three batches");
        assertTrue(history.maxEvents() < 5_000, "no execution near the 10,240-event warning: " + history.maxEvents());
        recordHistories(id, "split");
    }

    @Test
    void failureInOneBatchStopsTheOthersAndCompensationUndoesEveryBatch() throws Exception {
        work.reset(5);
        String id = start("failing", Map.of("manualFor", List.of(), "failOn", "item-300"));

        WorkflowFailedException failed = org.junit.jupiter.api.Assertions.assertThrows(WorkflowFailedException.class,
                () -> fixture.workflows.stub(id).getResult(WorkflowResult.class));

        Map<String, Map<String, Object>> rows = rows(id);
        assertEquals("FAILED", rows.get("WORK[item-300]").get("status"));
        assertTrue(String.valueOf(rows.get("WORK[item-300]").get("last_error")).contains("InvalidInput"));
        assertEquals(0, count(rows, "WORK[", "COMPLETED"), "every completed instance was undone: " + statuses(rows, "WORK["));
        long compensated = count(rows, "WORK[", "COMPENSATED");
        assertTrue(compensated > 0 && compensated < ITEMS, compensated + " instances undone");
        assertEquals(compensated, work.compensated.size(), "each undone step's compensation ran once");
        assertEquals("COMPENSATED", rows.get("PREPARE").get("status"));
        assertTrue(!rows.containsKey("FAN_COMPLETE"), "the phase never completed");
        assertTrue(failed.getCause().getMessage().contains("item-300"), failed.getCause().getMessage());
        recordHistories(id, "split-failed");
    }

    @Test
    void cancellationReachesEveryBatchAndUndoesTheirSteps() {
        work.reset(1);
        String id = start("cancelled", Map.of("manualFor", List.of("item-420")));
        await("the task waits", () -> "WAITING".equals(status(id, "CHECK[item-420]")));
        await("the other batches are done", () -> count(rows(id), "WORK[", "COMPLETED") == ITEMS);

        fixture.workflows.cancel(id);

        await("run cancelled", () -> "CANCELLED".equals(runStatus(id)));
        Map<String, Map<String, Object>> rows = rows(id);
        assertEquals("CANCELLED", rows.get("CHECK[item-420]").get("status"));
        assertEquals(ITEMS, count(rows, "WORK[", "COMPENSATED"), statuses(rows, "WORK[").toString());
        assertEquals("COMPENSATED", rows.get("PREPARE").get("status"));
    }

    @Test
    void tenThousandInstancesCompleteWithNoExecutionNearTheHistoryWarning() {
        fixture.importTemplate("wide-two-steps.json");
        int items = 10_000;
        String id = fixture.workflows.start(new WorkflowRequest("wide-two-steps", null, "ten-thousand",
                Map.of("items", IntStream.range(0, items).mapToObj(i -> "item-" + i).toList()))).workflowId();

        WorkflowResult result = fixture.workflows.stub(id).getResult(WorkflowResult.class);

        assertEquals(2 * items + 2, result.completed());
        assertEquals(2L * items, fixture.query("SELECT count(*) AS n FROM workflow_activities a JOIN workflow_instances w"
                + " ON w.id = a.workflow_instance_id WHERE w.workflow_id = ? AND a.instance_id <> '' AND a.status = 'COMPLETED'", id).get(0).get("n"));
        Workflows.History history = fixture.workflows.history(id).orElseThrow();
        assertRecordedHistoryAgrees(id, history);
        // 8 events estimated per automated step: 312 instances per batch, 33 batches
        assertEquals(1 + 33, history.executions());
        assertTrue(history.maxEvents() <= 10_240, "every execution under Temporal's warning: " + history.maxEvents());
    }

    @Test
    void runWhoseHistoryGrowsLongContinuesAsNewAndRunsEveryStepOnce() throws Exception {
        fixture.importTemplate("long.json");
        int items = 240; // 1,920 estimated events per fan-out: each stays in the run's own history
        String id = fixture.workflows.start(new WorkflowRequest("long", null, "long",
                Map.of("items", IntStream.range(0, items).mapToObj(i -> "item-" + i).toList()))).workflowId();

        WorkflowResult result = fixture.workflows.stub(id).getResult(WorkflowResult.class);

        assertEquals(7 * (items + 2), result.completed(), "the continued run counts the steps it took over");
        assertEquals(7L * (items + 2), fixture.query("SELECT count(*) AS n FROM workflow_activities a JOIN workflow_instances w"
                + " ON w.id = a.workflow_instance_id WHERE w.workflow_id = ? AND a.status = 'COMPLETED'", id).get(0).get("n"));
        assertEquals(7 * items, counting.executions.size(), "every instance step ran");
        assertTrue(counting.executions.values().stream().allMatch(n -> n == 1), "and none ran twice");
        Workflows.History history = fixture.workflows.history(id).orElseThrow();
        assertRecordedHistoryAgrees(id, history);
        assertEquals(2, history.executions(), "one continuation");
        assertTrue(history.maxEvents() <= TemplateWorkflowImpl.CONTINUE_AS_NEW_EVENTS + 2_500, "events: " + history.maxEvents());
        if (RecordedHistories.wanted()) {
            String firstRun = fixture.client().fetchHistory(id).getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
            RecordedHistories.write("long-first-run", fixture.client().fetchHistory(id, firstRun));
            RecordedHistories.write("long-continued-run", fixture.client().fetchHistory(id));
        }
    }

    @Test
    void fanOutBeyondMaxInstancesFailsThePhaseAtOnceNamingSizeAndCap() {
        List<String> items = IntStream.range(0, 5001).mapToObj(i -> "item-" + i).toList();
        String id = fixture.workflows.start(new WorkflowRequest("split", null, "too-many",
                Map.of("items", items, "manualFor", List.of()))).workflowId();

        WorkflowFailedException failed = org.junit.jupiter.api.Assertions.assertThrows(WorkflowFailedException.class,
                () -> fixture.workflows.stub(id).getResult(WorkflowResult.class));

        assertTrue(failed.getCause().getMessage().contains("phase 'Fan' fans out into 5001 instances, more than its maxInstances of 5000"), failed.getCause().getMessage());
        assertTrue(rows(id).keySet().stream().noneMatch(step -> step.startsWith("WORK")), "no instance ran");
        assertEquals("FAILED", runStatus(id));
    }

    /**
     * The run's detail reads its history counts from the run records (what {@code GET /api/workflows/{id}}
     * answers): the same executions as Temporal's own histories, and each count taken as the execution
     * ended, a few events before its last.
     */
    private void assertRecordedHistoryAgrees(String workflowId, Workflows.History temporal) {
        long runId = fixture.records.run(workflowId).orElseThrow().id();
        dev.cadre.platform.runs.RunHistory recorded = new dev.cadre.platform.runs.JdbcRunRecordQueries(fixture.database.dataSource(),
                fixture.records).extent(runId, 1).history();
        assertEquals(temporal.executions(), recorded.executions(), "executions in the records");
        assertTrue(recorded.maxEvents() <= temporal.maxEvents() && recorded.maxEvents() >= temporal.maxEvents() - 20,
                "most events in the records " + recorded.maxEvents() + ", in Temporal " + temporal.maxEvents());
    }

    /** With {@code -Dcadre.recordHistory=<dir>}, writes the run's history and its first batch's, gzipped, for the replay test. */
    private void recordHistories(String workflowId, String name) throws java.io.IOException {
        if (!RecordedHistories.wanted()) {
            return;
        }
        io.temporal.common.WorkflowExecutionHistory run = fixture.client().fetchHistory(workflowId);
        RecordedHistories.write(name + "-run", run);
        String firstBatch = run.getEvents().stream().filter(e -> e.hasChildWorkflowExecutionStartedEventAttributes())
                .map(e -> e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getWorkflowId())
                .filter(childId -> childId.endsWith("/b0")).findFirst().orElseThrow();
        RecordedHistories.write(name + "-batch", fixture.client().fetchHistory(firstBatch));
    }

    private String start(String businessKey, Map<String, Object> parameters) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(parameters);
        all.put("items", IntStream.range(0, ITEMS).mapToObj(i -> "item-" + i).toList());
        return fixture.workflows.start(new WorkflowRequest("split", null, businessKey, all)).workflowId();
    }

    private Map<String, Map<String, Object>> rows(String workflowId) {
        return fixture.steps(workflowId);
    }

    private String status(String workflowId, String step) {
        return fixture.stepStatus(workflowId, step);
    }

    private String runStatus(String workflowId) {
        return fixture.runStatus(workflowId);
    }

    private static long count(Map<String, Map<String, Object>> rows, String prefix, String status) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && status.equals(e.getValue().get("status"))).count();
    }

    private static Map<Object, Long> statuses(Map<String, Map<String, Object>> rows, String prefix) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.groupingBy(e -> e.getValue().get("status"), Collectors.counting()));
    }

    /** Counts its executions per step. */
    static final class CountingHandler implements ActivityHandler {
        final Map<String, Integer> executions = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "CountingHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) {
            executions.merge(context.activityCode() + "[" + context.instanceKey() + "]", 1, Integer::sum);
            return ActivityResult.completed(Map.of("counted", true));
        }
    }

    /** Works on an item for a few milliseconds, counting how many run at once; fails for good on {@code parameters.failOn}. */
    static final class WorkHandler implements ActivityHandler {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final Set<String> compensated = ConcurrentHashMap.newKeySet();
        private volatile long millis;

        void reset(long workMillis) {
            maxRunning.set(0);
            compensated.clear();
            millis = workMillis;
        }

        @Override
        public String name() {
            return "SplitWorkHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) throws InterruptedException {
            String item = String.valueOf(context.instance().orElseThrow());
            if (item.equals(context.parameters().get("failOn"))) {
                throw ActivityFailure.nonRetryable("InvalidInput", item + " cannot be worked on");
            }
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(millis);
            } finally {
                running.decrementAndGet();
            }
            return ActivityResult.completed(Map.of("item", item, "length", item.length()));
        }

        @Override
        public void compensate(ActivityContext context, ActivityResult completed) {
            compensated.add(context.workflowId() + ":" + completed.output().get("item"));
        }
    }
}
