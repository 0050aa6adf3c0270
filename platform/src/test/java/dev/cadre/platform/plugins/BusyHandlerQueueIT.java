package dev.cadre.platform.plugins;

import static dev.cadre.platform.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.testing.Sql;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step queued behind others on a busy host is not "waiting for a host": with one activity slot, the
 * second instance of a plugin handler that takes 12 s waits longer than the 10 s after which a step no
 * host takes is noted as waiting; a live host has the handler, so it is queued again without the note.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusyHandlerQueueIT {

    private CadreHost host;

    @BeforeAll
    void start(@TempDir Path home) {
        host = CadreHost.start(new ConfigLoader(Map.of("CADRE_HOME", home.toString(), "CADRE_WORKER_ACTIVITY_SLOTS", "1")).load(home));
        host.handlers().install(PluginJarBuilder.plugin("sleepy", "1.0.0")
                .handler("SleepyHandler", "return \"SleepyHandler\";",
                        "try { Thread.sleep(12_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }"
                                + " return ActivityResult.completed(Map.of(\"slept\", 12));", "")
                .build());
        host.templates().importTemplate(new TemplateDocuments().read("""
                {"code": "busy", "name": "Busy", "version": 1, "phases": [{"name": "Only", "order": 1, "executionMode": "parallel",
                  "fanOut": "parameters.items", "activities": [
                    {"code": "SLEEP", "name": "Sleep", "type": "TASK", "manual": false, "handler": "SleepyHandler",
                     "executionMode": "parallel", "timeoutSeconds": 120}]}]}"""), true, true);
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aStepQueuedBehindAnotherOnAHostWithItsHandlerIsNotNotedAsWaitingForAHost() {
        String id = host.workflows().start(new WorkflowRequest("busy", null, "busy", Map.of("items", List.of("a", "b")))).workflowId();

        await("the run completed", () -> "COMPLETED".equals(Sql.query(host.database().dataSource(),
                "SELECT status FROM workflow_instances WHERE workflow_id = ?", id).stream().findFirst().map(r -> r.get("status")).orElse(null)));

        List<Map<String, Object>> steps = Sql.query(host.database().dataSource(), """
                SELECT a.instance_id, a.status, a.started_at, a.last_error, w.started_at AS run_started FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id WHERE w.workflow_id = ? ORDER BY a.started_at""", id);
        assertEquals(2, steps.size(), steps.toString());
        long queuedMs = ((Timestamp) steps.get(1).get("started_at")).getTime() - ((Timestamp) steps.get(1).get("run_started")).getTime();
        assertTrue(queuedMs > 10_000, "the second step waited past the first wait for a host (10 s): " + queuedMs + " ms");
        Counter notFound = host.metrics().registry().find("cadre.handler.not.found").tag("handler", "SleepyHandler").counter();
        assertEquals(0.0, notFound == null ? 0.0 : notFound.count(), "no step was noted as waiting for a host");
        steps.forEach(step -> assertEquals("COMPLETED", step.get("status"), step.toString()));
    }
}
