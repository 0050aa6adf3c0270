package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.RunStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rounds of rework in the engine: a failed check hands the work back to its preparer
 * ({@code config.onFailure}), a reviewer sends it back ({@code REWORK}, {@code config.onReject}) until
 * the template's cap, and every round stays in the records and the audit trail. Records the
 * {@code rework} history {@link TemplateWorkflowReplayTest} replays.
 */
class ReworkIT {

    @Test
    void aBadFileGoesBackToItsPreparerAndAReviewerSendsTheWorkBackUntilTheCap(@TempDir Path home) throws Exception {
        try (EngineFixture fixture = new EngineFixture(home)) {
            fixture.handlers.register(new TestHandlers.FunctionHandler("CheckFileHandler", c -> {
                Object value = ((Map<?, ?>) c.output("PREPARE").orElseThrow().get("data")).get("file");
                if (!"good".equals(value)) {
                    throw ActivityFailure.nonRetryable("BadEvidence", "column sample_id is missing in '" + value + "'");
                }
                return Map.of("checked", value);
            }));
            fixture.importTemplate("rework.json");
            String id = fixture.workflows.start(new WorkflowRequest("rework", null, "FILE-1", Map.of())).workflowId();

            awaitRound(fixture, id, "PREPARE", 1, "WAITING");
            complete(fixture, id, "PREPARE", Outcome.DONE, "first try", Map.of("file", "bad"));
            // the failed check hands the task back: round 2, the check's problem on it, the run still running
            awaitRound(fixture, id, "PREPARE", 2, "WAITING");
            Map<String, Object> prepare = row(fixture, id, "PREPARE");
            assertTrue(String.valueOf(prepare.get("rework_note")).contains("column sample_id is missing in 'bad'"), prepare.toString());
            assertEquals("RUNNING", fixture.runStatus(id));

            complete(fixture, id, "PREPARE", Outcome.DONE, "fixed", Map.of("file", "good"));
            awaitRound(fixture, id, "REVIEW", 1, "WAITING");
            complete(fixture, id, "REVIEW", Outcome.REWORK, "use the Q3 extract", Map.of());
            awaitRound(fixture, id, "PREPARE", 3, "WAITING");
            assertTrue(String.valueOf(row(fixture, id, "PREPARE").get("rework_note")).contains("use the Q3 extract"));

            complete(fixture, id, "PREPARE", Outcome.DONE, "Q3 now", Map.of("file", "good"));
            awaitRound(fixture, id, "REVIEW", 2, "WAITING");
            CompletionRefusedException capped = assertThrows(CompletionRefusedException.class,
                    () -> complete(fixture, id, "REVIEW", Outcome.REWORK, "again", Map.of()));
            assertTrue(capped.getMessage().contains("round 2 of at most 2"), capped.getMessage());
            complete(fixture, id, "REVIEW", Outcome.APPROVED, "fine", Map.of());

            assertEquals("COMPLETED", fixture.workflows.stub(id).getResult(WorkflowResult.class).status());
            List<Map<String, Object>> kept = fixture.query("""
                    SELECT a.activity_code AS step, k.round, k.status, k.outcome
                    FROM workflow_activity_rounds k JOIN workflow_activities a ON a.id = k.activity_id
                    JOIN workflow_instances w ON w.id = a.workflow_instance_id WHERE w.workflow_id = ? ORDER BY a.id, k.round""", id);
            assertEquals(List.of(
                    Map.of("step", "PREPARE", "round", 1, "status", "COMPLETED", "outcome", "DONE"),
                    Map.of("step", "PREPARE", "round", 2, "status", "COMPLETED", "outcome", "DONE"),
                    Map.of("step", "CHECK", "round", 1, "status", "FAILED"),
                    Map.of("step", "CHECK", "round", 2, "status", "COMPLETED"),
                    Map.of("step", "REVIEW", "round", 1, "status", "COMPLETED", "outcome", "REWORK")),
                    kept.stream().map(ReworkIT::withoutNulls).toList());
            long runId = fixture.records.run(id).orElseThrow().id();
            List<String> reviews = fixture.records.trail(runId).stream().filter(s -> s.activityCode().equals("REVIEW"))
                    .map(s -> s.round() + ":" + s.outcome() + ":" + s.comment()).toList();
            assertEquals(List.of("1:REWORK:use the Q3 extract", "2:APPROVED:fine"), reviews);
            assertEquals(List.of(1, 2, 3), fixture.records.trail(runId).stream().filter(s -> s.activityCode().equals("PREPARE"))
                    .map(RunStep::round).toList());
            RecordedHistories.write("rework", fixture.client().fetchHistory(id));
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> row) {
        Map<String, Object> kept = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    private static void complete(EngineFixture fixture, String id, String code, Outcome outcome, String comment, Map<String, Object> data) {
        fixture.workflows.complete(id, new Completion(code, "", outcome, "pat", comment, data));
    }

    private static Map<String, Object> row(EngineFixture fixture, String id, String code) {
        return fixture.query("""
                SELECT a.status, a.round, a.rework_note FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = ?""", id, code).get(0);
    }

    private static void awaitRound(EngineFixture fixture, String id, String code, int round, String status) {
        Awaitility.await(code + " round " + round + " " + status).atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> rows = fixture.query("""
                    SELECT a.status, a.round FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                    WHERE w.workflow_id = ? AND a.activity_code = ?""", id, code);
            return !rows.isEmpty() && status.equals(rows.get(0).get("status")) && Integer.valueOf(round).equals(rows.get(0).get("round"));
        });
    }
}
