package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.templates.ActivityType;
import dev.cadre.platform.testing.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole test cycle on a host started the way {@code cadre run} starts it: embedded PostgreSQL and
 * the embedded Temporal server in real time (no time skipping), the worker over gRPC; the test
 * completes the manual tasks as people would.
 */
class EmbeddedHostCycleIT {

    @Test
    void fullCycleRunsInRealTimeOnTheEmbeddedDefaults(@TempDir Path home) throws InterruptedException {
        BuiltinHandlerRegistry builtins = BuiltinHandlerRegistry.fromClassPath();
        TestHandlers.testCycle().forEach(builtins::register);
        try (CadreHost host = CadreHost.start(new ConfigLoader(Map.of("CADRE_HOME", home.toString())).load(home), builtins)) {
            Workflows.Started started = host.workflows().start(new WorkflowRequest("test-cycle", null, "REAL-TIME",
                    Map.of("dataOwners", List.of("finance", "credit-risk", "operations"), "anomalies", 1L)));

            // each pass completes the waiting tasks, as people would, until the run has ended
            String status = Awaitility.await("the cycle ends").atMost(Duration.ofMinutes(3)).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
                        for (Map<String, Object> task : waitingTasks(host, started.workflowId())) {
                            try {
                                host.workflows().complete(started.workflowId(), new Completion((String) task.get("activity_code"),
                                        (String) task.get("instance_id"), People.agree(ActivityType.valueOf((String) task.get("activity_type"))),
                                        "person", null, Map.of()));
                            } catch (CompletionRefusedException e) {
                                // not registered by the workflow yet: retried on the next pass
                            }
                        }
                        List<Map<String, Object>> run = query(host, "SELECT status FROM workflow_instances WHERE workflow_id = ?", started.workflowId());
                        return run.isEmpty() ? "RUNNING" : (String) run.get(0).get("status"); // no row until the workflow's first step
                    }, state -> !state.equals("RUNNING"));

            assertEquals("COMPLETED", status);
            assertEquals(86L, query(host, """
                    SELECT count(*) AS n FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                    WHERE w.workflow_id = ? AND a.status IN ('COMPLETED', 'SKIPPED')""", started.workflowId()).get(0).get("n"));
        }
    }

    private static List<Map<String, Object>> waitingTasks(CadreHost host, String workflowId) {
        return query(host, """
                SELECT a.activity_code, a.instance_id, t.activity_type FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id
                JOIN workflow_activity_templates t ON t.id = a.activity_template_id
                WHERE w.workflow_id = ? AND a.status = 'WAITING'""", workflowId);
    }

    private static List<Map<String, Object>> query(CadreHost host, String sql, Object... parameters) {
        return Sql.query(host.database().dataSource(), sql, parameters);
    }
}
