package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.simulation.Simulator;
import dev.cadre.platform.simulation.TemplateSimulations;
import dev.cadre.platform.templates.ScenariosFailedException;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateStatus;
import dev.cadre.platform.templates.TemplateValidator;
import dev.cadre.platform.testing.Sql;
import java.time.Duration;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulation and typed expressions through the admin endpoint of a real host: the issue's example
 * scenario, run tables untouched, the issue's three conditions refused, and a changed template that
 * breaks a shipped scenario refused at publish.
 */
class AdminSimulateIT {

    @TempDir
    static Path home;
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home, Map.of("CADRE_ADMIN_MAX_JSON_BYTES", "524288"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static long rows(String table) {
        return ((Number) Sql.query(api.host.database().dataSource(), "SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    @Test
    void theIssuesExampleScenarioWritesNoRunRecords() {
        long runs = rows("workflow_instances");
        long steps = rows("workflow_activities");
        JsonNode answer = api.postJson("/api/templates/simulate", """
                {"template": {"code": "test-cycle", "version": 2},
                 "scenario": {
                   "name": "final sign-off rejected",
                   "parameters": {"dataOwners": ["credit-risk", "loan-servicing"]},
                   "outputs": {"IDENTIFY_DATA_OWNERS": {"dataOwners": ["credit-risk"]}, "DATA_PROFILING": {"anomalyCount": 0}},
                   "people": {"*": {"after": "PT2H"},
                              "SIGN_OFF_REPORT": {"outcome": "REJECTED", "after": "PT1H"},
                              "UPLOAD_EVIDENCE/credit-risk": {"after": "never"}},
                   "expect": {"status": "FAILED", "skipped": ["REVIEW_PROFILING_RESULTS", "SIGN_OFF_REPORT"]}}}
                """).expect(200).json();
        assertEquals("FAILED", answer.get("status").asText(), answer.toString());
        assertTrue(answer.get("expectationsMet").asBoolean(), answer.get("differences").toString());
        assertEquals(List.of("Request for Information:1"), fanOuts(answer), "the test lead's one owner, not the parameters' two");
        assertEquals(List.of("remind", "escalate"), texts(answer.get("deadlines"), "action"));
        JsonNode upload = step(answer, "UPLOAD_EVIDENCE", "credit-risk");
        assertEquals("FAILED", upload.get("status").asText());
        assertTrue(upload.get("note").asText().contains("not completed within 24 h"), upload.toString());
        assertEquals("SKIPPED", step(answer, "REVIEW_PROFILING_RESULTS", "").get("status").asText());
        assertEquals("COMPENSATED", step(answer, "SEND_DATA_REQUEST", "credit-risk").get("status").asText(), "the failed run is undone");
        assertTrue(answer.get("simulatedDuration").asText().startsWith("PT"), answer.toString());
        assertEquals(runs, rows("workflow_instances"), "a simulation writes no run");
        assertEquals(steps, rows("workflow_activities"), "a simulation writes no step");
    }

    @Test
    void theIssuesThreeConditionsAreRefusedWithPathLineAndColumn() throws Exception {
        refused("outputs.NO_SUCH_STEP.score > 1", "no step 'NO_SUCH_STEP' in template typed", 8);
        refused("outputs.SCORING_START.noSuchField == 1", "no field 'noSuchField' in the output of SCORING_START; it has instance, marker, phase", 22);
        refused("parameters.exposurez.size() > 0", "no parameter 'exposurez' is declared; declared: exposures, owners, threshold", 11);
    }

    private static void refused(String condition, String message, int column) throws Exception {
        String document = typed(condition);
        JsonNode validation = api.postJson("/api/templates/validate", document).expect(200).json();
        assertEquals(false, validation.get("valid").asBoolean());
        JsonNode refusal = api.postJson("/api/templates?publish=true", document).expect(400).json();
        JsonNode problem = refusal.get("details").get(0);
        assertEquals("phases[0].activities[1].condition", problem.get("path").asText(), refusal.toString());
        assertEquals(message, problem.get("message").asText());
        assertEquals(1, problem.get("line").asInt());
        assertEquals(column, problem.get("column").asInt());
        assertEquals(problem, validation.get("problems").get(0), "validate reports the same");
    }

    @Test
    void aChangedTemplateThatBreaksAShippedScenarioIsRefusedAtPublish() throws Exception {
        ObjectNode document = (ObjectNode) api.mapper.readTree(api.get("/api/templates/test-cycle/versions/2").expect(200).text());
        // the final sign-off no longer fails the run when rejected
        for (JsonNode phase : document.get("phases")) {
            for (JsonNode activity : phase.get("activities")) {
                if (activity.get("code").asText().equals("SIGN_OFF_REPORT")) {
                    ((ObjectNode) activity.get("config")).put("continueOnReject", true);
                }
            }
        }
        Template changed = api.host.documents().read(api.mapper.writeValueAsString(document));
        // this host has no domain plugins: a template service that takes every handler name (undeclared outputs),
        // on the host's database, publishing through the same simulations
        ExpressionEngine expressions = new ExpressionEngine();
        TemplateValidator validator = new TemplateValidator(expressions, name -> true, BuiltinHandlerRegistry.fromClassPath()::outputShape);
        TemplateService templates = new TemplateService(api.host.database(), validator, api.host.documents(),
                new TemplateSimulations(new Simulator(expressions, BuiltinHandlerRegistry.fromClassPath()::outputShape, Duration.ofMinutes(2)), validator));
        ScenariosFailedException refused = assertThrows(ScenariosFailedException.class, () -> templates.importTemplate(changed, true, false));
        assertEquals(1, refused.failures().size(), refused.getMessage());
        assertEquals("final sign-off rejected", refused.failures().get(0).scenario());
        assertTrue(refused.failures().get(0).differences().get(0).startsWith("status: expected FAILED, was COMPLETED"), refused.getMessage());
        assertTrue(refused.getMessage().contains("scenario 'final sign-off rejected': status: expected FAILED, was COMPLETED"), refused.getMessage());
        assertEquals(2, templates.current("test-cycle").orElseThrow().version(), "nothing was published");
        assertEquals(TemplateStatus.PUBLISHED, templates.importTemplate(changed, true, true).status(), "forced, it is published");
    }

    static String typed(String condition) throws Exception {
        String json;
        try (InputStream in = AdminSimulateIT.class.getResourceAsStream("/templates/typed.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return json.replace("\"@SCORE@\"", "\"" + condition.replace("\"", "\\\"") + "\"").replace("\"@REVIEW@\"", "null")
                .replace("\"@ASK@\"", "null").replace("\"@FANOUT@\"", "\"parameters.owners\"");
    }

    private static JsonNode step(JsonNode answer, String activity, String instance) {
        for (JsonNode step : answer.get("steps")) {
            if (step.get("activity").asText().equals(activity) && step.get("instance").asText().equals(instance)) {
                return step;
            }
        }
        throw new AssertionError("no step " + activity + "/" + instance + " in " + answer);
    }

    private static List<String> fanOuts(JsonNode answer) {
        List<String> sizes = new ArrayList<>();
        answer.get("fanOuts").forEach(f -> sizes.add(f.get("phase").asText() + ":" + f.get("instances").asInt()));
        return sizes;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }
}
