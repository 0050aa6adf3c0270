package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.runs.Application;
import dev.cadre.platform.runs.ArtifactRefusedException;
import dev.cadre.platform.runs.TaskForbiddenException;
import dev.cadre.platform.runs.WaitingTask;
import dev.cadre.platform.users.Principal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The whole test-cycle template through the real workflow, worker and run records. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestCycleWorkflowIT {

    EngineFixture fixture;

    @BeforeAll
    void start(@TempDir Path home) {
        fixture = new EngineFixture(home);
        TestHandlers.testCycle().forEach(fixture.handlers::register);
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void fullCycleWithThreeOwnersCompletesAndRecordsEveryStep() throws Exception {
        Workflows.Started started = fixture.workflows.start(new WorkflowRequest("test-cycle", null, "REPORT-2026-Q3",
                Map.of("dataOwners", List.of("finance", "credit-risk", "operations"), "anomalies", 2L)));

        String status = new People(fixture).completeAll(started.workflowId(), People.agreeing());
        WorkflowResult result = fixture.workflows.stub(started.workflowId()).getResult(WorkflowResult.class);

        assertEquals("COMPLETED", status);
        assertEquals("COMPLETED", result.status());
        List<Map<String, Object>> rows = fixture.query("""
                SELECT a.activity_code, a.instance_id, a.status, a.execution_mode, a.handler_source, a.completed_by,
                       p.activity_code AS parent_code, p.instance_id AS parent_instance
                FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id
                LEFT JOIN workflow_activities p ON p.id = a.parent_activity_id
                WHERE w.workflow_id = ? ORDER BY a.id
                """, started.workflowId());
        // 35 sequential rows + 3 owners x 5 + 4 documents x 4 + 4 test executions x 5
        assertEquals(35 + 15 + 16 + 20, rows.size());
        Map<String, Long> byStatus = rows.stream().collect(Collectors.groupingBy(r -> (String) r.get("status"), Collectors.counting()));
        // DATA_OWNER_RESPONSE runs only where observations were found: 1 of 4 test executions
        assertEquals(Map.of("COMPLETED", 83L, "SKIPPED", 3L), byStatus);
        assertEquals(List.of("credit-risk", "finance", "operations"), instances(rows, "SEND_DATA_REQUEST"));
        assertEquals(List.of("credit-risk/core", "finance/core", "finance/ledger", "operations/core"), instances(rows, "EXECUTE_TESTS"));
        assertEquals(List.of("finance/ledger"), rows.stream().filter(r -> r.get("activity_code").equals("DATA_OWNER_RESPONSE")
                && r.get("status").equals("COMPLETED")).map(r -> r.get("instance_id")).toList());

        assertParent(rows, "PLANNING_START", "", null, null);
        assertParent(rows, "DEFINE_REPORT_INVENTORY", "", "PLANNING_START", "");
        assertParent(rows, "DATA_PROFILING_START", "", "PLANNING_COMPLETE", "");
        assertParent(rows, "SEND_DATA_REQUEST", "finance", "RFI_START", "");
        assertParent(rows, "UPLOAD_EVIDENCE", "finance", "SEND_DATA_REQUEST", "finance");
        assertParent(rows, "CREATE_OBSERVATIONS", "finance/ledger", "OBSERVATION_START", "");
        assertParent(rows, "FINALIZE_REPORT_START", "", "OBSERVATION_START", "");
        assertTrue(rows.stream().filter(r -> !r.get("status").equals("SKIPPED")).allMatch(r -> "builtin".equals(r.get("handler_source"))),
                "every step that ran names its handler");
        assertTrue(rows.stream().filter(r -> r.get("status").equals("SKIPPED")).allMatch(r -> r.get("handler_source") == null),
                "a skipped step ran no handler");
        assertTrue(rows.stream().filter(r -> r.get("activity_code").equals("APPROVE_PLANNING")).allMatch(r -> "test-approver".equals(r.get("completed_by"))));

        List<Map<String, Object>> workflow = fixture.query("SELECT status, completed_at, error FROM workflow_instances WHERE workflow_id = ?", started.workflowId());
        assertEquals("COMPLETED", workflow.get(0).get("status"));
        assertNull(workflow.get(0).get("error"));
        assertEquals("# Report\nobservations: 2", new String(fixture.artifacts.get(
                (Long) fixture.query("SELECT id FROM workflow_instances WHERE workflow_id = ?", started.workflowId()).get(0).get("id"),
                "final-report.md").orElseThrow().content()));

        Progress progress = fixture.workflows.progress(started.workflowId()).orElseThrow();
        assertEquals("COMPLETED", progress.status());
        assertEquals(86, progress.steps().size());

        RecordedHistories.write("test-cycle", fixture.client().fetchHistory(started.workflowId()));
    }

    @Test
    void falseConditionIsSkippedAndItsDependentsStillRun() {
        Workflows.Started started = fixture.workflows.start(new WorkflowRequest("test-cycle", null, "NO-ANOMALIES",
                Map.of("dataOwners", List.of("finance"), "anomalies", 0L)));

        assertEquals("COMPLETED", new People(fixture).completeAll(started.workflowId(), People.agreeing()));

        Map<String, String> status = fixture.query("""
                SELECT a.activity_code, a.status FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code IN ('REVIEW_PROFILING_RESULTS', 'APPROVE_PROFILING_RULES', 'EXECUTE_SCOPING')
                """, started.workflowId()).stream().collect(Collectors.toMap(r -> (String) r.get("activity_code"), r -> (String) r.get("status")));
        assertEquals(Map.of("REVIEW_PROFILING_RESULTS", "SKIPPED", "APPROVE_PROFILING_RULES", "COMPLETED", "EXECUTE_SCOPING", "COMPLETED"), status);
    }

    @Test
    void ownersNamedByPeopleDriveTheRequestForInformation() {
        Workflows.Started started = fixture.workflows.start(new WorkflowRequest("test-cycle", null, "OWNERS-FROM-PEOPLE",
                Map.of("dataOwners", List.of("finance"), "anomalies", 0L)));
        Map<String, Map<String, Object>> data = Map.of(
                "IDENTIFY_DATA_OWNERS", Map.of("dataOwners", List.of("finance", "treasury", "credit-risk")),
                "ASSIGN_DATA_PROVIDERS", Map.of("dataOwners", List.of("treasury", "credit-risk")));

        assertEquals("COMPLETED", new People(fixture).completeAll(started.workflowId(), People.agreeing(),
                task -> data.getOrDefault((String) task.get("activity_code"), Map.of())));

        List<Map<String, Object>> rows = fixture.query("""
                SELECT a.activity_code, a.instance_id FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? ORDER BY a.id
                """, started.workflowId());
        assertEquals(List.of("credit-risk", "treasury"), instances(rows, "SEND_DATA_REQUEST"),
                "ASSIGN_DATA_PROVIDERS' owners, not the parameters' nor IDENTIFY_DATA_OWNERS'");
        assertEquals(List.of("credit-risk/core", "treasury/core"), instances(rows, "EXECUTE_TESTS"), "their documents are tested");
    }

    @Test
    void identifiedOwnersDriveTheFanOutWhenNoProvidersAreAssigned() {
        Workflows.Started started = fixture.workflows.start(new WorkflowRequest("test-cycle", null, "OWNERS-IDENTIFIED",
                Map.of("dataOwners", List.of("finance"), "anomalies", 0L)));

        assertEquals("COMPLETED", new People(fixture).completeAll(started.workflowId(), People.agreeing(),
                task -> "IDENTIFY_DATA_OWNERS".equals(task.get("activity_code")) ? Map.of("dataOwners", List.of("operations")) : Map.of()));

        List<Map<String, Object>> rows = fixture.query("""
                SELECT a.activity_code, a.instance_id FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? ORDER BY a.id
                """, started.workflowId());
        assertEquals(List.of("operations"), instances(rows, "SEND_DATA_REQUEST"));
    }

    /** V18: the shipped cycle's data-owner instance tasks are each for the owner's own person, {@code <owner>.owner}. */
    @Test
    void aDataOwnerCompletesAndUploadsOnlyForTheirOwnInstance() {
        String id = fixture.workflows.start(new WorkflowRequest("test-cycle", null, "PER-OWNER",
                Map.of("dataOwners", List.of("credit-risk", "loan-servicing"), "anomalies", 0L))).workflowId();
        Application application = fixture.services.application(fixture.workflows, fixture.recovery);
        Principal creditRisk = new Principal("credit-risk.owner", "Cora", List.of("data-owner"), false);
        Principal loanServicing = new Principal("loan-servicing.owner", "Sam", List.of("data-owner"), false);

        // people complete everything up to the evidence uploads, which stay waiting
        org.awaitility.Awaitility.await("the evidence uploads wait").atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
                    People people = new People(fixture);
                    for (Map<String, Object> task : people.waiting(id)) {
                        if (!"UPLOAD_EVIDENCE".equals(task.get("activity_code"))) {
                            try {
                                fixture.workflows.complete(id, new Completion((String) task.get("activity_code"), (String) task.get("instance_id"),
                                        People.agree(dev.cadre.platform.templates.ActivityType.valueOf((String) task.get("activity_type"))),
                                        "tara.testlead", null, Map.of()));
                            } catch (CompletionRefusedException e) {
                                // not registered by the workflow yet: the next pass tries again
                            }
                        }
                    }
                    return fixture.services.runQueries().waitingTasks(id).stream().filter(t -> t.code().equals("UPLOAD_EVIDENCE")).count() == 2;
                });

        Map<String, String> assignees = fixture.services.runQueries().waitingTasks(id).stream()
                .filter(t -> t.code().equals("UPLOAD_EVIDENCE")).collect(Collectors.toMap(WaitingTask::instanceId, WaitingTask::assignee));
        assertEquals(Map.of("credit-risk", "credit-risk.owner", "loan-servicing", "loan-servicing.owner"), assignees);

        TaskForbiddenException completing = assertThrows(TaskForbiddenException.class,
                () -> application.tasks().authorize(creditRisk, id, "UPLOAD_EVIDENCE", "loan-servicing"));
        assertTrue(completing.getMessage().contains("loan-servicing.owner"), completing.getMessage());
        ArtifactRefusedException uploading = assertThrows(ArtifactRefusedException.class,
                () -> application.artifacts().permit(creditRisk, id, "evidence/loan-servicing.csv", false));
        assertEquals(403, uploading.reason().status());

        assertEquals(loanServicing, application.tasks().authorize(loanServicing, id, "UPLOAD_EVIDENCE", "loan-servicing").caller());
        assertEquals("evidence/loan-servicing.csv", application.artifacts().permit(loanServicing, id, "evidence/loan-servicing.csv", false).name());
        fixture.workflows.stub(id).cancel();
    }

    private static List<Object> instances(List<Map<String, Object>> rows, String code) {
        return rows.stream().filter(r -> r.get("activity_code").equals(code)).map(r -> r.get("instance_id")).sorted().map(Object.class::cast).toList();
    }

    private static void assertParent(List<Map<String, Object>> rows, String code, String instance, String parentCode, String parentInstance) {
        Map<String, Object> row = rows.stream().filter(r -> r.get("activity_code").equals(code) && r.get("instance_id").equals(instance))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + code + "[" + instance + "]"));
        assertEquals(parentCode, row.get("parent_code"), "parent of " + code + "[" + instance + "]");
        assertEquals(parentInstance, row.get("parent_instance"), "parent instance of " + code + "[" + instance + "]");
    }
}
