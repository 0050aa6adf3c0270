package dev.cadre.platform.engine;

import static dev.cadre.platform.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowFailedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Retries, failures, compensation, manual timeouts and refusals, parallelism caps, cancellation, versions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineBehaviourIT {

    EngineFixture fixture;
    MiniHandlers.StoreHandler store = new MiniHandlers.StoreHandler();
    MiniHandlers.ProbeHandler probe = new MiniHandlers.ProbeHandler();

    @BeforeAll
    void start(@TempDir Path home) {
        fixture = new EngineFixture(home);
        fixture.handlers.register(store);
        fixture.handlers.register(new MiniHandlers.FlakyHandler());
        fixture.handlers.register(probe);
        fixture.importTemplate("mini.json");
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private String start(String businessKey, Map<String, Object> parameters) {
        return fixture.workflows.start(new WorkflowRequest("mini", 1, businessKey, parameters)).workflowId();
    }

    private Map<String, Map<String, Object>> rows(String workflowId) {
        return fixture.steps(workflowId);
    }

    private String status(String workflowId, String step) {
        return fixture.stepStatus(workflowId, step);
    }

    private Completion approval(Outcome outcome) {
        return new Completion("APPROVE", null, outcome, "alice", "looks right", Map.of());
    }

    @Test
    void handlerFailingTwiceThenSucceedingRecordsRetriesAndCompletes() {
        String id = start("retry", Map.of("failTimes", 2L, "items", List.of("a")));

        assertEquals("COMPLETED", new People(fixture).completeAll(id, People.agreeing()));

        Map<String, Object> fetch = rows(id).get("FETCH");
        assertEquals("COMPLETED", fetch.get("status"));
        assertEquals(2, fetch.get("retry_count"));
        // Temporal retries the handler under the template's policy; the record keeps who ran it and how often
        assertEquals("builtin", fetch.get("handler_source"));
    }

    @Test
    void exhaustedRetriesCompensateCompletedStepsInReverseOrderAndFailTheWorkflow() {
        String id = start("exhaust", Map.of("failTimes", 5L, "items", List.of("a")));

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                () -> fixture.workflows.stub(id).getResult(WorkflowResult.class));

        assertTrue(failed.getCause().getMessage().contains("FETCH failed"), failed.getCause().getMessage());
        Map<String, Map<String, Object>> rows = rows(id);
        assertEquals("FAILED", rows.get("FETCH").get("status"));
        assertEquals(2, rows.get("FETCH").get("retry_count"));
        assertEquals("COMPENSATED", rows.get("STORE").get("status"));
        assertEquals("COMPENSATED", rows.get("WORK_START").get("status"));
        assertEquals(List.of(id + ":STORE:exhaust"), store.compensated.stream().filter(c -> c.startsWith(id)).toList());
        assertEquals("FAILED", fixture.runStatus(id));
    }

    @Test
    void approvalLeftAloneTimesOutAfter48Hours() {
        String id = start("timeout", Map.of("items", List.of("a")));
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));
        long before = fixture.environment.currentTimeMillis();

        assertThrows(WorkflowFailedException.class, () -> fixture.workflows.stub(id).getResult(WorkflowResult.class));

        assertTrue(fixture.environment.currentTimeMillis() - before >= Duration.ofHours(48).toMillis(), "48 h of skipped time passed");
        Map<String, Map<String, Object>> rows = rows(id);
        assertEquals("FAILED", rows.get("APPROVE").get("status"));
        assertEquals("APPROVE was not completed within 48 h", rows.get("APPROVE").get("last_error"));
        assertEquals("COMPENSATED", rows.get("STORE").get("status"));
    }

    @Test
    void rejectedApprovalFailsThePhase() {
        String id = start("rejected", Map.of("items", List.of("a")));
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));

        fixture.workflows.complete(id, approval(Outcome.REJECTED));

        assertThrows(WorkflowFailedException.class, () -> fixture.workflows.stub(id).getResult(WorkflowResult.class));
        Map<String, Map<String, Object>> rows = rows(id);
        assertEquals("REJECTED", rows.get("APPROVE").get("outcome"));
        assertEquals("COMPENSATED", rows.get("STORE").get("status"));
        assertTrue(!rows.containsKey("WORK_COMPLETE"), "nothing after the rejected approval ran");
        @SuppressWarnings("unchecked")
        Comparable<Object> storeEnded = (Comparable<Object>) rows.get("STORE").get("completed_at");
        assertTrue(storeEnded.compareTo(rows.get("APPROVE").get("completed_at")) < 0,
                "a compensated step keeps when it completed, not when it was rolled back: " + storeEnded);
    }

    @Test
    void aRunKeepsItsBusinessKeyInTemporalForTheMomentsBeforeItsFirstRecord() {
        String id = start("memo-key", Map.of("items", List.of("a")));

        assertEquals(java.util.Optional.of("memo-key"), fixture.workflows.businessKey(id));
        assertEquals(java.util.Optional.empty(), fixture.workflows.businessKey("no-such-run"));
    }

    @Test
    void completionsThatDoNotFitAreRefusedAndChangeNothing() {
        String id = start("refusals", Map.of("items", List.of("a")));
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));

        assertRefused(id, new Completion("FETCH", null, Outcome.DONE, "bob", null, null), "FETCH is automated");
        assertRefused(id, new Completion("NOPE", null, Outcome.DONE, "bob", null, null), "has no activity NOPE");
        assertRefused(id, approval(Outcome.DONE), "outcome DONE does not fit APPROVAL activity APPROVE: use APPROVED or REJECTED");
        assertRefused(id, new Completion("APPROVE", null, Outcome.APPROVED, " ", null, null), "completedBy is required");
        assertEquals("WAITING", status(id, "APPROVE"), "refusals change nothing");

        fixture.workflows.complete(id, approval(Outcome.APPROVED));
        assertRefused(id, approval(Outcome.APPROVED), "APPROVE is not waiting");
        assertEquals("COMPLETED", new People(fixture).completeAll(id, People.agreeing()));
        assertEquals("alice", fixture.query("""
                SELECT completed_by FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'APPROVE'""", id).get(0).get("completed_by"));
    }

    private void assertRefused(String workflowId, Completion completion, String reason) {
        CompletionRefusedException refused = assertThrows(CompletionRefusedException.class, () -> fixture.workflows.complete(workflowId, completion));
        assertTrue(refused.getMessage().contains(reason), "'" + refused.getMessage() + "' should say '" + reason + "'");
    }

    @Test
    void maxParallelismTwoOverSixInstancesNeverRunsMoreThanTwo() {
        probe.maxRunning.set(0);
        String id = start("parallel", Map.of("items", List.of("a", "b", "c", "d", "e", "f")));

        assertEquals("COMPLETED", new People(fixture).completeAll(id, People.agreeing()));

        assertEquals(2, probe.maxRunning.get(), "instances ran two at a time");
        assertEquals(List.of("PROBE[a]", "PROBE[b]", "PROBE[c]", "PROBE[d]", "PROBE[e]", "PROBE[f]"),
                rows(id).keySet().stream().filter(s -> s.startsWith("PROBE")).sorted().toList());
        assertEquals("COMPLETED", status(id, "FAN_COMPLETE"));
    }

    @Test
    void cancellationCompensatesAndCancelsWaitingTasks() {
        String id = start("cancel", Map.of("items", List.of("a")));
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));

        fixture.workflows.cancel(id);

        await("workflow cancelled", () -> "CANCELLED".equals(fixture.runStatus(id)));
        Map<String, Map<String, Object>> rows = rows(id);
        assertEquals("CANCELLED", rows.get("APPROVE").get("status"));
        assertEquals("COMPENSATED", rows.get("FETCH").get("status"));
        assertEquals("COMPENSATED", rows.get("STORE").get("status"));
        assertTrue(store.compensated.contains(id + ":STORE:cancel"));
    }

    @Test
    void unknownHandlerWaitsUntilAHandlerIsRegistered() {
        fixture.importTemplate("late.json");
        String id = fixture.workflows.start(new WorkflowRequest("late", null, "late", Map.of())).workflowId();
        await("HandlerNotFound recorded", () -> {
            Map<String, Object> late = rows(id).get("LATE");
            return late != null && String.valueOf(late.get("last_error")).startsWith("HandlerNotFound");
        });
        assertEquals("PENDING", status(id, "LATE"));

        fixture.handlers.register(new TestHandlers.FunctionHandler("LateHandler", c -> Map.of("arrived", true)));

        await("workflow completed", () -> "COMPLETED".equals(fixture.runStatus(id)));
        assertEquals(0, rows(id).get("LATE").get("retry_count"), "waiting for the handler used up no attempts");
    }

    @Test
    void runningWorkflowFinishesOnItsVersionWhenANewOneIsPublished() {
        String v1 = start("pinned", Map.of("items", List.of("a")));
        await("APPROVE waiting", () -> "WAITING".equals(status(v1, "APPROVE")));

        fixture.importTemplate("mini-v2.json");
        String v2 = fixture.workflows.start(new WorkflowRequest("mini", null, "newer", Map.of("items", List.of("a")))).workflowId();
        fixture.workflows.complete(v1, approval(Outcome.APPROVED));

        assertEquals("COMPLETED", new People(fixture).completeAll(v1, People.agreeing()));
        assertEquals("COMPLETED", new People(fixture).completeAll(v2, People.agreeing()));
        assertTrue(!rows(v1).containsKey("EXTRA"), "the v1 run never sees the v2 activity");
        assertEquals("COMPLETED", status(v2, "EXTRA"));
        assertEquals(1, fixture.query("SELECT template_version FROM workflow_instances WHERE workflow_id = ?", v1).get(0).get("template_version"));
        assertEquals(2, fixture.query("SELECT template_version FROM workflow_instances WHERE workflow_id = ?", v2).get(0).get("template_version"));
    }

    @Test
    void largeFanOutStaysFarBelowTemporalHistoryLimits() {
        fixture.importTemplate("wide.json");
        int items = 400;
        String id = fixture.workflows.start(new WorkflowRequest("wide", null, "wide",
                Map.of("items", java.util.stream.IntStream.range(0, items).mapToObj(i -> "item-" + i).toList()))).workflowId();

        fixture.workflows.stub(id).getResult(WorkflowResult.class);

        int steps = items + 2;
        assertEquals(steps, rows(id).size());
        // 400 one-step instances are estimated at 3,200 events, over the 2,000 a run keeps in its own
        // history: they run in one child-workflow batch. An automated step costs 3 events (scheduled,
        // started, completed), its two record writes (local-activity markers: RUNNING, and COMPLETED
        // with the next write) and a share of workflow tasks: about 5 per step measured.
        Workflows.History history = fixture.workflows.history(id).orElseThrow();
        assertEquals(2, history.executions(), "the run and one batch");
        assertTrue(history.maxEvents() <= 6 * steps, history.maxEvents() + " events for " + steps + " steps");
        assertTrue(fixture.client().fetchHistory(id).getHistory().getEventsCount() < 100, "the run itself holds no instance step");
    }
}
