package dev.cadre.platform.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins and running workflows together, on a host started as {@code cadre run} starts it (embedded
 * PostgreSQL and Temporal in real time, the plugins directory watched).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginWorkflowIT {

    CadreHost host;
    Path pluginsDir;

    @BeforeAll
    void start(@TempDir Path home) {
        host = CadreHost.start(new ConfigLoader(Map.of("CADRE_HOME", home.toString())).load(home));
        pluginsDir = host.config().pluginsDir();
        for (String template : List.of("hot.json", "upgrade.json")) {
            host.templates().importTemplate(new TemplateDocuments().read(read(Path.of("src/test/resources/templates", template))), true, true);
        }
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @Test
    void workflowWaitingOnAMissingHandlerContinuesOnceItsJarIsDroppedIn() throws Exception {
        String id = host.workflows().start(new WorkflowRequest("hot", null, "hot", Map.of())).workflowId();
        // no host polls the queue of a handler nobody has: the step waits there and its record says so
        await("the wait recorded", () -> "waiting for a host with HotHandler".equals(step(id, "HOT").get("last_error")));

        PluginJarBuilder.plugin("hot", "1.0.0").handler("HotHandler").writeTo(pluginsDir.resolve("hot-plugin.jar"));

        await("workflow completed", () -> "COMPLETED".equals(status(id)));
        Map<String, Object> step = step(id, "HOT");
        assertEquals("COMPLETED", step.get("status"));
        assertEquals("hot@1.0.0", step.get("handler_source"));
        assertEquals(Artifacts.sha256(Files.readAllBytes(pluginsDir.resolve("hot-plugin.jar"))), String.valueOf(step.get("handler_sha256")).trim());
        assertEquals(0, step.get("retry_count"), "waiting for the plugin used up no attempts");
        assertEquals(null, step.get("last_error"), "a completed step keeps no note of its wait");
    }

    @Test
    void runFailedByAPluginBugResumesFromTheFailedStepOnceThePluginIsUpgraded() throws Exception {
        host.templates().importTemplate(new TemplateDocuments().read("""
                {"code": "fixable", "name": "Fixable", "version": 1, "phases": [{"name": "Only", "order": 1, "executionMode": "sequential",
                  "activities": [
                    {"code": "PREPARE", "name": "Prepare", "type": "TASK", "manual": false, "handler": "AutomatedActivityHandler",
                     "executionMode": "sequential", "timeoutSeconds": 60},
                    {"code": "FIX", "name": "Fix", "type": "TASK", "manual": false, "handler": "FixableHandler",
                     "executionMode": "sequential", "timeoutSeconds": 60, "retryPolicy": {"maximumAttempts": 2, "initialIntervalSeconds": 1},
                     "dependsOn": [{"activity": "PREPARE"}]}]}]}"""), true, true);
        host.handlers().install(PluginJarBuilder.plugin("fixable", "1.0.0")
                .handler("FixableHandler", "return \"FixableHandler\";", "throw ActivityFailure.nonRetryable(\"Broken\", \"1.0.0 cannot do it\");", "")
                .build());
        String id = host.workflows().start(new WorkflowRequest("fixable", null, "fix-me", Map.of())).workflowId();
        await("the run failed on the plugin's bug", () -> "FAILED".equals(status(id)));
        assertEquals("fixable@1.0.0", step(id, "FIX").get("handler_source"));

        host.handlers().install(PluginJarBuilder.plugin("fixable", "1.0.1")
                .handler("FixableHandler", "return \"FixableHandler\";", "return ActivityResult.completed(Map.of(\"fixed\", true));", "")
                .build());
        host.recovery().resume(id);

        await("the resumed run completed", () -> "COMPLETED".equals(status(id)));
        Map<String, Object> fix = step(id, "FIX");
        assertEquals("COMPLETED", fix.get("status"));
        assertEquals("fixable@1.0.1", fix.get("handler_source"), "the step ran again, on the upgraded plugin");
        assertEquals("COMPLETED", step(id, "PREPARE").get("status"));
    }

    @Test
    void upgradingAPluginUnderLoadLosesNothingAndNewStepsRunOnTheNewVersion() throws Exception {
        host.handlers().install(slowPlugin("1.0.0"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(host.workflows().start(new WorkflowRequest("upgrade", null, "load-" + i,
                    Map.of("items", IntStream.range(0, 30).mapToObj(n -> "item-" + n).toList()))).workflowId());
        }
        await("some steps ran on v1", () -> count("handler_source = 'slow@1.0.0' AND status = 'COMPLETED'") >= 6);

        host.handlers().install(slowPlugin("2.0.0"));
        Timestamp switched = (Timestamp) query("SELECT clock_timestamp() AS now").get(0).get("now");

        for (String id : ids) {
            await(id + " completed", () -> "COMPLETED".equals(status(id)));
        }
        List<Map<String, Object>> rows = query("""
                SELECT a.activity_code, a.status, a.retry_count, a.handler_source, a.started_at FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.template_code = 'upgrade' AND a.activity_code LIKE 'SLOW%'""");
        assertEquals(3 * 30 * 2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.get("status").equals("COMPLETED") && r.get("retry_count").equals(0)),
                "every step completed at the first attempt: " + rows);
        // a step leased v1 just before the switch may record its start a moment after it: allow a second
        Timestamp settled = Timestamp.from(switched.toInstant().plusSeconds(1));
        List<Map<String, Object>> late = rows.stream().filter(r -> ((Timestamp) r.get("started_at")).after(settled)).toList();
        assertTrue(!late.isEmpty(), "some steps started after the switch");
        assertTrue(late.stream().allMatch(r -> r.get("handler_source").equals("slow@2.0.0")), "steps started after the switch ran v2");
        assertTrue(rows.stream().anyMatch(r -> r.get("handler_source").equals("slow@1.0.0")), "steps before the switch ran v1");
    }

    private static byte[] slowPlugin(String version) {
        String sleep = "try { Thread.sleep(200); } catch (InterruptedException e) { throw new IllegalStateException(e); } ";
        return PluginJarBuilder.plugin("slow", version)
                .handler("SlowHandler", "return \"SlowHandler\";", sleep + "return ActivityResult.completed(Map.of(\"version\", \"" + version + "\"));", "")
                .handler("SlowHandler2", "return \"SlowHandler2\";", sleep + "return ActivityResult.completed(Map.of(\"version\", \"" + version + "\"));", "")
                .build();
    }

    private Map<String, Object> step(String workflowId, String code) {
        List<Map<String, Object>> rows = query("""
                SELECT a.* FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = ?""", workflowId, code);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private String status(String workflowId) {
        List<Map<String, Object>> rows = query("SELECT status FROM workflow_instances WHERE workflow_id = ?", workflowId);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    private long count(String where) {
        return (Long) query("SELECT count(*) AS n FROM workflow_activities WHERE " + where).get(0).get("n");
    }

    private List<Map<String, Object>> query(String sql, Object... parameters) {
        return Sql.query(host.database().dataSource(), sql, parameters);
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(90)).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
