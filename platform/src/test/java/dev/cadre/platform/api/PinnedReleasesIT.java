package dev.cadre.platform.api;

import static dev.cadre.platform.api.ApiFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import dev.cadre.platform.testing.Sql;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two releases of one plugin side by side on one host (embedded PostgreSQL and Temporal, real PF4J JARs
 * uploaded over REST): template versions pinned to {@code ^1.0} and {@code ^2.0} run at the same time and
 * each step runs the formula of its own release; a pinned release cannot be removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinnedReleasesIT {

    /** 1.0.0 scores {@code amount * 2}; 2.0.0 changed the formula to {@code amount * 3 + 1}. */
    private static final byte[] RISK_1 = ApiTestPluginJars.scoring("risk", "1.0.0", "RiskScoreHandler", 2, 0);
    private static final byte[] RISK_2 = ApiTestPluginJars.scoring("risk", "2.0.0", "RiskScoreHandler", 3, 1);

    ApiFixture api;

    @BeforeAll
    void start(@TempDir Path home) {
        api = new ApiFixture(home);
        api.postBytes("/api/plugins", "application/java-archive", RISK_1).expect(201);
        api.postBytes("/api/plugins", "application/java-archive", RISK_2).expect(201);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void templateVersionsPinnedToTwoReleasesRunSideBySideEachOnItsOwnRelease() {
        api.postJson("/api/templates?publish=true", template("risk-old", "^1.0")).expect(201);
        api.postJson("/api/templates?publish=true", template("risk-new", "^2.0")).expect(201);
        await("1.0.0 loaded beside 2.0.0", () -> api.host.handlers().aside().containsKey("risk@1.0.0"));
        assertEquals("2.0.0", api.host.handlers().plugin("risk").orElseThrow().version(), "the newest release still runs by name");

        List<String> old = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            old.add(api.host.workflows().start(new WorkflowRequest("risk-old", null, "old-" + i, Map.of("amount", 10 + i))).workflowId());
            current.add(api.host.workflows().start(new WorkflowRequest("risk-new", null, "new-" + i, Map.of("amount", 10 + i))).workflowId());
        }
        for (int i = 0; i < 3; i++) {
            String oldId = old.get(i);
            String newId = current.get(i);
            await(oldId + " completed", () -> "COMPLETED".equals(status(oldId)));
            await(newId + " completed", () -> "COMPLETED".equals(status(newId)));
            Map<String, Object> oldStep = step(oldId);
            Map<String, Object> newStep = step(newId);
            assertEquals("risk@1.0.0", oldStep.get("handler_source"));
            assertEquals("risk@2.0.0", newStep.get("handler_source"));
            assertTrue(String.valueOf(oldStep.get("output")).contains("\"score\": " + ((10 + i) * 2)), "1.0.0's formula: " + oldStep);
            assertTrue(String.valueOf(newStep.get("output")).contains("\"score\": " + ((10 + i) * 3 + 1)), "2.0.0's formula: " + newStep);
            assertEquals(null, oldStep.get("last_error"));
        }
        List<Map<String, Object>> pins = Sql.query(api.host.database().dataSource(), """
                SELECT t.code, p.version, p.sha256 FROM template_release_pins p JOIN workflow_templates t ON t.id = p.template_id
                WHERE t.code LIKE 'risk-%' ORDER BY t.code""");
        assertEquals(2, pins.size(), "both versions keep their pin: " + pins);
        assertEquals("2.0.0", pins.get(0).get("version"));
        assertEquals("1.0.0", pins.get(1).get("version"));
        assertEquals(dev.cadre.platform.engine.Artifacts.sha256(RISK_1), String.valueOf(pins.get(1).get("sha256")).strip());

        JsonNode exported = api.get("/api/templates/risk-old").expect(200).json().at("/phases/0/activities/0");
        assertEquals("^1.0", exported.path("handlerVersion").asText(), exported.toString());
        assertEquals("1.0.0", exported.path("handlerRelease").asText(), "the export shows the release the range was pinned to");

        // a published template version pins 1.0.0: removing it is refused, naming the version
        ApiFixture.Reply refused = api.delete("/api/plugins/risk?version=1.0.0");
        assertEquals("release_in_use", refused.error(409));
        assertTrue(refused.json().get("message").asText().contains("risk-old v1"), refused.text());
        assertEquals("ENABLED", releaseState("1.0.0"), "nothing changed");

        // disabled, the pinned release is unloaded: a pinned step waits for it (no attempts used) and says so
        api.postJson("/api/plugins/risk/stop?version=1.0.0", "{}").expect(200);
        await("1.0.0 unloaded once disabled", () -> !api.host.handlers().aside().containsKey("risk@1.0.0"));
        String waiting = api.host.workflows().start(new WorkflowRequest("risk-old", null, "waiting", Map.of("amount", 7))).workflowId();
        await("the step says what it waits for",
                () -> "waiting for a host with RiskScoreHandler@1.0.0".equals(step(waiting).get("last_error")));
        api.postJson("/api/plugins/risk/start?version=1.0.0", "{}").expect(200);
        await(waiting + " completed on 1.0.0 once enabled", () -> "COMPLETED".equals(status(waiting)));
        assertEquals("risk@1.0.0", step(waiting).get("handler_source"));
        assertTrue(String.valueOf(step(waiting).get("output")).contains("\"score\": 14"), step(waiting).toString());

        // once no published version pins it and no run uses it, it is unloaded and can be removed
        api.postJson("/api/templates?publish=true", template("risk-old", null)).expect(201);
        await("1.0.0 unloaded", () -> !api.host.handlers().aside().containsKey("risk@1.0.0"));
        api.delete("/api/plugins/risk?version=1.0.0").expect(200);
        assertEquals("REMOVED", releaseState("1.0.0"));
    }

    @Test
    void aRangeNoReleaseSatisfiesIsRefusedAtPublishAndABadRangeAtValidation() {
        ApiFixture.Reply refused = api.postJson("/api/templates?publish=true", template("risk-future", "^3.0"));
        assertEquals("unresolved_handler_version", refused.error(409));
        String message = refused.json().get("message").asText();
        assertTrue(message.contains("SCORE") && message.contains("RiskScoreHandler") && message.contains("^3.0"), message);
        assertEquals(0, Sql.query(api.host.database().dataSource(), "SELECT 1 FROM workflow_templates WHERE code = 'risk-future'").size(),
                "nothing was stored");

        JsonNode report = api.postJson("/api/templates/validate", template("risk-bad", "^^one")).expect(200).json();
        assertFalse(report.get("valid").asBoolean());
        assertTrue(report.get("problems").toString().contains("phases[0].activities[0].handlerVersion"), report.toString());
    }

    private String status(String workflowId) {
        List<Map<String, Object>> rows = Sql.query(api.host.database().dataSource(),
                "SELECT status FROM workflow_instances WHERE workflow_id = ?", workflowId);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    /** @return the run's SCORE step record, empty before it is written */
    private Map<String, Object> step(String workflowId) {
        List<Map<String, Object>> rows = Sql.query(api.host.database().dataSource(), """
                SELECT a.handler_source, a.output::text AS output, a.last_error FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id WHERE w.workflow_id = ? AND a.activity_code = 'SCORE'""",
                workflowId);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private String releaseState(String version) {
        return (String) Sql.query(api.host.database().dataSource(),
                "SELECT desired_state FROM plugin_releases WHERE plugin_id = 'risk' AND version = ?", version).get(0).get("desired_state");
    }

    private static String template(String code, String range) {
        return """
                {"code": "%s", "name": "Risk", "version": 1, "phases": [{"name": "Only", "order": 1, "executionMode": "sequential",
                  "activities": [{"code": "SCORE", "name": "Score", "type": "TASK", "manual": false, "handler": "RiskScoreHandler",
                    %s "executionMode": "sequential", "timeoutSeconds": 60}]}]}""".formatted(code,
                range == null ? "" : "\"handlerVersion\": \"" + range + "\",");
    }
}
