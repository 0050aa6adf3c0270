package dev.cadre.platform.engine;

import static dev.cadre.platform.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadre.platform.cluster.LostRunWatch;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.testing.Sql;
import io.temporal.client.WorkflowFailedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures end, records never move backwards, and runs continue from their records: lost runs, resumed
 * FAILED runs and runs moved to another template version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DurabilityIT {

    EngineFixture fixture;
    RunRecovery recovery;
    DurabilityHandlers.DurableStoreHandler store = new DurabilityHandlers.DurableStoreHandler();
    DurabilityHandlers.SwitchHandler switchHandler = new DurabilityHandlers.SwitchHandler();
    DurabilityHandlers.LateHandler late = new DurabilityHandlers.LateHandler();

    @BeforeAll
    void start(@TempDir Path home) {
        fixture = new EngineFixture(home);
        fixture.handlers.register(store);
        fixture.handlers.register(switchHandler);
        fixture.handlers.register(late);
        fixture.importTemplate("durable.json");
        recovery = fixture.recovery;
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private String start(String businessKey, Map<String, Object> parameters) {
        return fixture.workflows.start(new WorkflowRequest("durable", 1, businessKey, parameters)).workflowId();
    }

    private Map<String, Map<String, Object>> rows(String workflowId) {
        return fixture.steps(workflowId);
    }

    private Map<String, Object> run(String workflowId) {
        return fixture.query("SELECT status, error, template_version FROM workflow_instances WHERE workflow_id = ?", workflowId).get(0);
    }

    private String status(String workflowId, String step) {
        return fixture.stepStatus(workflowId, step);
    }

    private void approve(String workflowId) {
        await("APPROVE waiting", () -> "WAITING".equals(status(workflowId, "APPROVE")));
        await("APPROVE accepted", () -> {
            try {
                fixture.workflows.complete(workflowId, new Completion("APPROVE", null, Outcome.APPROVED, "alice", "fine", Map.of()));
                return true;
            } catch (CompletionRefusedException e) {
                return false; // the task row is written a moment before the workflow registers it
            }
        });
    }

    private String result(String workflowId) {
        try {
            return fixture.workflows.stub(workflowId).getResult(WorkflowResult.class).status();
        } catch (WorkflowFailedException e) {
            return (String) run(workflowId).get("status");
        }
    }

    @Test
    void compensationThatAlwaysThrowsEndsTheWorkflowFailedNamingIt() {
        String id = start("undo-fails", Map.of("compensationFails", true, "switchBroken", true));
        approve(id);

        assertThrows(WorkflowFailedException.class, () -> fixture.workflows.stub(id).getResult(WorkflowResult.class));

        assertEquals("FAILED", run(id).get("status"));
        assertTrue(((String) run(id).get("error")).contains("compensation failed for STORE"), (String) run(id).get("error"));
        Map<String, Object> storeRow = rows(id).get("STORE");
        assertEquals("COMPLETED", storeRow.get("status"), "a step whose rollback failed is not COMPENSATED");
        assertTrue(((String) storeRow.get("last_error")).startsWith("compensation failed after 3 attempts"), (String) storeRow.get("last_error"));
        assertEquals(3, store.compensationAttempts.stream().filter(a -> a.startsWith(id + "#")).count());
        assertEquals("FAILED", status(id, "SWITCH"));
    }

    @Test
    void cancellingAWorkflowWhoseCompensationThrowsEndsItCancelled() {
        String id = start("cancel-undo-fails", Map.of("compensationFails", true));
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));

        fixture.workflows.cancel(id);

        await("the run ends", () -> !"RUNNING".equals(run(id).get("status")));
        assertEquals("CANCELLED", run(id).get("status"));
        assertEquals("CANCELLED", status(id, "APPROVE"));
        assertTrue(((String) rows(id).get("STORE").get("last_error")).startsWith("compensation failed"));
    }

    @Test
    void timedOutAttemptFinishingAfterItsRetryCompletedLeavesTheRecordCompleted() throws InterruptedException {
        String id = start("late-attempt", Map.of("slowFirst", true));
        approve(id);

        assertEquals("COMPLETED", result(id));
        assertTrue(late.lateAttemptFinished.await(30, TimeUnit.SECONDS), "the timed-out attempt finished");
        // anything the late attempt could have written has been written by now: the record stays COMPLETED
        Awaitility.await("the record stays COMPLETED").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> "COMPLETED".equals(rows(id).get("LATE").get("status")));

        Map<String, Object> lateRow = rows(id).get("LATE");
        assertEquals("COMPLETED", lateRow.get("status"));
        assertEquals(1, lateRow.get("retry_count"));
        assertTrue(((String) lateRow.get("output")).contains("\"attempt\": 2"), (String) lateRow.get("output"));
    }

    @Test
    void failedRunResumesFromTheFailedStepAfterTheHandlerIsFixedKeepingTheApproval() {
        switchHandler.broken.set(true);
        String id;
        try {
            id = start("resume-me", Map.of());
            approve(id);
            String failedId = id;
            assertThrows(WorkflowFailedException.class, () -> fixture.workflows.stub(failedId).getResult(WorkflowResult.class));
        } finally {
            switchHandler.broken.set(false);
        }
        Map<String, Object> approval = rows(id).get("APPROVE");
        assertEquals("FAILED", run(id).get("status"));
        assertEquals("COMPENSATED", status(id, "STORE"));

        recovery.resume(id);

        assertEquals("COMPLETED", result(id));
        await("the run record ends", () -> "COMPLETED".equals(run(id).get("status")));
        Map<String, Map<String, Object>> after = rows(id);
        assertEquals("COMPLETED", after.get("STORE").get("status"), "the undone step ran again");
        assertEquals("COMPLETED", after.get("SWITCH").get("status"));
        assertEquals("alice", after.get("APPROVE").get("completed_by"), "the approval was kept, not asked again");
        List<dev.cadre.plugin.api.RunStep> trail = late.trails.get(id + "@durable/1");
        dev.cadre.plugin.api.RunStep approveStep = trail.stream().filter(s -> s.activityCode().equals("APPROVE")).findFirst().orElseThrow();
        assertEquals("alice", approveStep.completedBy(), "handlers see who approved: " + trail);
        assertEquals("APPROVED", approveStep.outcome());
        assertEquals("APPROVAL", approveStep.activityType());
        assertTrue(approveStep.manual() && approveStep.completedAt() != null && approveStep.comment().equals("fine"), approveStep.toString());
        assertEquals(approval.get("completed_at"), after.get("APPROVE").get("completed_at"));
        List<Map<String, Object>> resumptions = fixture.query("""
                SELECT r.from_status, r.reason FROM workflow_resumptions r JOIN workflow_instances w ON w.id = r.workflow_instance_id
                WHERE w.workflow_id = ?""", id);
        assertEquals(1, resumptions.size());
        assertEquals("FAILED", resumptions.get(0).get("from_status"));
    }

    @Test
    void resumeIsRefusedForARunningOrCompletedRun() {
        String id = start("refuse-resume", Map.of());
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));

        RecoveryRefusedException running = assertThrows(RecoveryRefusedException.class, () -> recovery.resume(id));
        assertTrue(running.reasons().get(0).contains("RUNNING"), running.getMessage());

        approve(id);
        assertEquals("COMPLETED", result(id));
        await("the run record ends", () -> "COMPLETED".equals(run(id).get("status")));
        RecoveryRefusedException completed = assertThrows(RecoveryRefusedException.class, () -> recovery.resume(id));
        assertTrue(completed.reasons().get(0).contains("COMPLETED"), completed.getMessage());
    }

    @Test
    void runLostByTemporalContinuesAtReconcileWithItsTaskStillOpenAndItsDueTime() {
        String id = start("lost", Map.of());
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));
        Object due = rows(id).get("APPROVE").get("due_at");

        fixture.workflows.stub(id).terminate("the server forgot it");
        List<String> resumed = recovery.reconcile();

        assertTrue(resumed.contains(id), "reconcile continued " + resumed);
        assertFalse(recovery.reconcile().contains(id), "a run continued a moment ago is not continued twice");
        assertEquals("WAITING", status(id, "APPROVE"));
        assertEquals(due, rows(id).get("APPROVE").get("due_at"), "the task keeps its due time");
        assertEquals("COMPLETED", rows(id).get("STORE").get("status"));
        approve(id);
        assertEquals("COMPLETED", result(id));
        assertFalse(recovery.reconcile().contains(id), "a running or ended run is left alone");
    }

    @Test
    void runTemporalLostIsContinuedByThePeriodicCheckOnlyByTheHostHoldingTheLock() throws Exception {
        String id = "lost-" + UUID.randomUUID();
        // a run the records say is RUNNING, and that Temporal never heard of: what a reset server leaves behind
        Sql.update(fixture.database.dataSource(), """
                INSERT INTO workflow_instances (workflow_id, run_id, template_id, template_code, template_version, business_key, status)
                SELECT ?, 'gone', id, code, version, 'lost-by-temporal', 'RUNNING' FROM workflow_templates WHERE code = 'durable' AND version = 1""", id);

        try (Connection other = fixture.database.dataSource().getConnection()) {
            other.setAutoCommit(true);
            advisory(other, "SELECT pg_advisory_lock(" + LOST_RUN_LOCK + ")"); // another host is checking now
            try (LostRunWatch busy = new LostRunWatch(fixture.database.dataSource(), recovery, Duration.ofHours(1))) {
                assertFalse(busy.checkOnce(), "the check is skipped while another host holds the lock");
            }
            assertTrue(fixture.query("SELECT 1 FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id "
                    + "WHERE w.workflow_id = ?", id).isEmpty(), "the skipped check continued nothing");
            advisory(other, "SELECT pg_advisory_unlock(" + LOST_RUN_LOCK + ")");
        }

        try (LostRunWatch watch = new LostRunWatch(fixture.database.dataSource(), recovery, Duration.ofMillis(200))) {
            Awaitility.await("the periodic check continued the lost run").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "WAITING".equals(fixture.stepStatus(id, "APPROVE")));
        }
        assertEquals("COMPLETED", fixture.stepStatus(id, "STORE"), "the run went on from its records");
        assertEquals("RUNNING", fixture.query("SELECT status FROM workflow_instances WHERE workflow_id = ?", id).get(0).get("status"));
    }

    /** The watch's advisory lock key ({@code LostRunWatch.LOCK}, package-private to the cluster). */
    private static final long LOST_RUN_LOCK = 0x43_61_64_72_65_4C_52L;

    private static void advisory(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    @Test
    void runningRunMovesToTheNextTemplateVersionAndFinishesOnIt() {
        String id = start("migrate-me", Map.of());
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));
        int v2 = importVariant(document -> activities(document).insert(5, extra("EXTRA", "LATE")));

        recovery.migrate(id, v2);

        assertEquals(v2, run(id).get("template_version"));
        approve(id);
        assertEquals("COMPLETED", result(id));
        Map<String, Map<String, Object>> after = rows(id);
        assertEquals("COMPLETED", after.get("EXTRA").get("status"), "the new version's step ran");
        assertEquals("alice", after.get("APPROVE").get("completed_by"));
    }

    @Test
    void migrationThatWouldBreakTheRunIsRefusedWithEveryReason() {
        String id = start("migrate-refused", Map.of());
        await("APPROVE waiting", () -> "WAITING".equals(status(id, "APPROVE")));
        int broken = importVariant(document -> {
            ArrayNode activities = activities(document);
            activities.remove(1); // STORE, completed in the run, is gone
            activities.insert(1, extra("NEVER", null));
            ObjectNode approve = (ObjectNode) activities.get(2);
            approve.putArray("dependsOn").addObject().put("activity", "NEVER").put("type", "completion");
        });

        RecoveryRefusedException refused = assertThrows(RecoveryRefusedException.class, () -> recovery.migrate(id, broken));

        assertEquals(2, refused.reasons().size(), refused.reasons().toString());
        assertTrue(refused.reasons().stream().anyMatch(r -> r.contains("STORE") && r.contains("no activity")), refused.reasons().toString());
        assertTrue(refused.reasons().stream().anyMatch(r -> r.contains("APPROVE") && r.contains("NEVER")), refused.reasons().toString());
        assertEquals(1, run(id).get("template_version"), "nothing changed");
        assertEquals("WAITING", status(id, "APPROVE"));
        fixture.workflows.cancel(id);
    }

    private int importVariant(java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode document = (ObjectNode) fixture.json.mapper().readTree(EngineFixture.read(Path.of("src/test/resources/templates/durable.json")));
            change.accept(document);
            var template = new TemplateDocuments().read(fixture.json.mapper().writeValueAsString(document));
            return fixture.templates.importTemplate(template, false, true).template().version();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static ArrayNode activities(ObjectNode document) {
        return (ArrayNode) document.get("phases").get(0).get("activities");
    }

    private ObjectNode extra(String code, String dependsOn) {
        ObjectNode activity = fixture.json.mapper().createObjectNode();
        activity.put("code", code).put("name", code).put("type", "TASK").put("manual", false)
                .put("handler", "AutomatedActivityHandler").put("executionMode", "sequential").put("timeoutSeconds", 60);
        activity.putObject("retryPolicy").put("maximumAttempts", 3).put("initialIntervalSeconds", 1)
                .put("backoffCoefficient", 1.0).put("maximumIntervalSeconds", 1).putArray("nonRetryableErrors");
        activity.putNull("condition");
        activity.putObject("config");
        ArrayNode depends = activity.putArray("dependsOn");
        if (dependsOn != null) {
            depends.addObject().put("activity", dependsOn).put("type", "completion");
        }
        return activity;
    }
}
