package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint's surface over real HTTP: auth, the error contract, plugins, handlers, templates, OpenAPI. */
class AdminServerIT {

    @TempDir
    static Path home;

    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    // ---- health, auth, OpenAPI ------------------------------------------------------------------

    @Test
    void healthIsOpenAndUp() {
        Reply health = api.send(HttpRequest.newBuilder(api.uri("/api/health")).GET().build()).expect(200);
        JsonNode body = health.json();
        assertEquals("UP", body.get("status").asText());
        assertEquals("UP", body.get("db").asText());
        assertEquals("UP", body.get("temporal").asText());
        assertEquals("UP", body.get("worker").asText());
        assertTrue(body.get("plugins").has("count") && body.get("plugins").has("failed"), health.text());
    }

    @Test
    void everyProtectedRouteRefusesAMissingOrWrongToken() {
        List<Route> protectedRoutes = api.server.routes().stream().filter(route -> !route.open()).toList();
        assertTrue(protectedRoutes.size() >= 20, "route table: " + protectedRoutes);
        for (Route route : protectedRoutes) {
            String path = concrete(route);
            for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + ApiFixture.TOKEN + "x", "Basic dGVzdDp0ZXN0", "Bearer"}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                        .method(route.method(), HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                Reply reply = api.send(request.build());
                assertEquals("unauthorized", reply.error(401), route + " with " + authorization);
                assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"), route.toString());
            }
        }
    }

    @Test
    void unknownRoutesAndMethodsNeedTheTokenToo() {
        assertEquals("unauthorized", api.send(HttpRequest.newBuilder(api.uri("/api/nothing")).GET().build()).error(401));
        assertEquals("unauthorized", api.send(HttpRequest.newBuilder(api.uri("/api/health"))
                .DELETE().build()).error(401));
    }

    @Test
    void openApiDocumentsEveryRouteOfTheTable() {
        JsonNode doc = api.get("/api/openapi.json").expect(200).json();
        assertEquals("3.0.3", doc.get("openapi").asText());
        int operations = 0;
        for (Route route : api.server.routes()) {
            JsonNode operation = doc.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
            assertFalse(operation.isMissingNode(), "OpenAPI lacks " + route);
            assertTrue(operation.path("responses").has(String.valueOf(route.success())), route.toString());
            assertEquals(route.open(), operation.has("security") && operation.get("security").isEmpty(), route.toString());
            for (String parameter : route.parameters()) {
                assertTrue(operation.path("parameters").toString().contains("\"" + parameter + "\""), route + " documents " + parameter);
            }
            operations++;
        }
        int documented = 0;
        for (JsonNode item : doc.get("paths")) {
            documented += item.size();
        }
        assertEquals(operations, documented, "the document has operations the table does not serve");
        // the DESIGN section 6 contract, spelled out once: the table must keep these paths exactly
        for (String required : List.of("GET /api/health", "GET /api/plugins", "POST /api/plugins", "POST /api/plugins/{id}/reload",
                "POST /api/plugins/{id}/stop", "POST /api/plugins/{id}/start", "DELETE /api/plugins/{id}", "GET /api/handlers",
                "GET /api/templates", "GET /api/templates/{code}", "GET /api/templates/{code}/versions/{v}", "POST /api/templates",
                "POST /api/templates/validate", "POST /api/workflows", "GET /api/workflows", "GET /api/workflows/{id}",
                "POST /api/workflows/{id}/activities/{code}/complete", "POST /api/workflows/{id}/cancel",
                "GET /api/workflows/{id}/artifacts", "GET /api/workflows/{id}/artifacts/{name}",
                "PUT /api/workflows/{id}/artifacts/{name}", "GET /api/tasks",
                // DESIGN section 8
                "GET /api/stats/handlers", "GET /api/stats/tasks", "GET /metrics")) {
            assertTrue(api.server.routes().stream().anyMatch(route -> route.toString().equals(required)), "missing route " + required);
        }
    }

    // ---- the error contract ---------------------------------------------------------------------

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithAllow() {
        assertEquals("route_not_found", api.get("/api/nothing").error(404));
        Reply wrongMethod = api.delete("/api/templates");
        assertEquals("method_not_allowed", wrongMethod.error(405));
        assertEquals("GET, POST", wrongMethod.header("Allow"));
        assertEquals("method_not_allowed", api.send(api.request("/api/health").DELETE().build()).error(405));
    }

    @Test
    void malformedJsonIs400WithLineAndColumn() {
        Reply reply = api.postJson("/api/workflows", "{\"template\": \"api-flow\",\n  \"businessKey\": }");
        assertEquals("malformed_json", reply.error(400));
        assertEquals(2, reply.json().get("details").get("line").asInt(), reply.text());
        assertTrue(reply.json().get("message").asText().contains("line 2"), reply.text());
        assertEquals("malformed_json", api.postJson("/api/templates", "{\"code\": ").error(400));
        assertEquals("malformed_json", api.postJson("/api/templates/validate", "[1, 2").error(400));
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        assertField("template", "{\"template\": 5, \"businessKey\": \"k\"}");
        assertField("version", "{\"template\": \"t\", \"version\": \"2\", \"businessKey\": \"k\"}");
        assertField("version", "{\"template\": \"t\", \"version\": 1.5, \"businessKey\": \"k\"}");
        assertField("businessKey", "{\"template\": \"t\"}");
        assertField("parameters", "{\"template\": \"t\", \"businessKey\": \"k\", \"parameters\": [1]}");
        Reply unknown = api.postJson("/api/workflows", "{\"template\": \"t\", \"busnessKey\": \"k\"}");
        assertEquals("unknown_field", unknown.error(400));
        assertTrue(unknown.text().contains("busnessKey"), unknown.text());
        assertEquals("invalid_body", api.postJson("/api/workflows", "[]").error(400));
        assertEquals("missing_body", api.postJson("/api/workflows", "").error(400));
        Reply outcome = api.postJson("/api/workflows/x/activities/A/complete", "{\"outcome\": \"MAYBE\", \"completedBy\": \"me\"}");
        assertEquals("invalid_field", outcome.error(400));
        assertEquals("outcome", outcome.json().get("details").get("field").asText());
        assertEquals("invalid_field", api.postJson("/api/workflows/x/activities/A/complete", "{\"outcome\": \"DONE\", \"completedBy\": 7}").error(400));
    }

    private static void assertField(String field, String body) {
        Reply reply = api.postJson("/api/workflows", body);
        assertEquals("invalid_field", reply.error(400), body);
        assertEquals(field, reply.json().get("details").get("field").asText(), reply.text());
        assertTrue(reply.json().get("message").asText().contains("'" + field + "'"), reply.text());
    }

    @Test
    void badQueryParametersAre400() {
        assertEquals("invalid_parameter", api.get("/api/workflows?status=SLEEPING").error(400));
        assertEquals("invalid_parameter", api.get("/api/workflows?limit=100000").error(400));
        assertEquals("invalid_parameter", api.get("/api/workflows?limit=ten").error(400));
        assertEquals("invalid_parameter", api.get("/api/tasks?status=LOST").error(400));
        assertEquals("invalid_parameter", api.get("/api/templates/x/versions/one").error(400));
        assertEquals("invalid_parameter", api.postJson("/api/templates?publish=perhaps", "{}").error(400));
        assertEquals("invalid_parameter", api.delete("/api/plugins/x?timeoutSeconds=-1").error(400));
    }

    @Test
    void wrongContentTypeIs415() {
        Reply text = api.send(api.request("/api/workflows").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals("unsupported_media_type", text.error(415));
        assertEquals("unsupported_media_type", api.postBytes("/api/plugins", "multipart/form-data; boundary=x", new byte[] {1}).error(415));
    }

    @Test
    void oversizeBodiesAre413() {
        String big = "{\"template\": \"" + "x".repeat(ApiFixture.MAX_JSON) + "\"}";
        for (int i = 0; i < 3; i++) { // the refused body is never drained: each answer closes its connection
            assertEquals("payload_too_large", api.postJson("/api/workflows", big).error(413));
        }
        assertEquals("payload_too_large", api.postJson("/api/templates", big).error(413));
        byte[] jar = new byte[ApiFixture.MAX_UPLOAD + 1];
        assertEquals("payload_too_large", api.postBytes("/api/plugins", "application/java-archive", jar).error(413));
        // a JSON route never gets the upload limit, an upload route does: a body between the two is fine there
        byte[] midSize = new byte[ApiFixture.MAX_JSON * 2];
        assertEquals(400, api.postBytes("/api/plugins", "application/java-archive", midSize).status());
        assertEquals(200, api.get("/api/health").status(), "the host stays up");
    }

    @Test
    void unknownIdsAre404() {
        assertEquals("template_not_found", api.get("/api/templates/nope").error(404));
        assertEquals("template_not_found", api.get("/api/templates/nope/versions/3").error(404));
        assertEquals("template_not_found", api.post("/api/templates/nope/versions/3/publish").error(404));
        assertEquals("template_not_found", api.postJson("/api/workflows", "{\"template\": \"nope\", \"businessKey\": \"k\"}").error(404));
        assertEquals("workflow_not_found", api.get("/api/workflows/nope").error(404));
        assertEquals("workflow_not_found", api.post("/api/workflows/nope/cancel").error(404));
        assertEquals("workflow_not_found", api.postJson("/api/workflows/nope/activities/A/complete",
                "{\"outcome\": \"DONE\", \"completedBy\": \"me\"}").error(404));
        assertEquals("workflow_not_found", api.get("/api/workflows/nope/artifacts").error(404));
        assertEquals("workflow_not_found", api.get("/api/workflows/nope/artifacts/evidence/a.csv").error(404));
        assertEquals("workflow_not_found", api.put("/api/workflows/nope/artifacts/a.csv", "text/csv", new byte[] {1}).error(404));
        for (String action : List.of("reload", "stop", "start")) {
            assertEquals("plugin_not_found", api.post("/api/plugins/nope/" + action).error(404), action);
        }
        assertEquals("plugin_not_found", api.delete("/api/plugins/nope").error(404));
    }

    // ---- plugins and handlers -------------------------------------------------------------------

    @Test
    void pluginLifecycleOverRest() throws Exception {
        byte[] jar = ApiTestPluginJars.withHandler("rest-life", "1.0.0", "RestLife");
        Reply installed = api.postBytes("/api/plugins", "application/java-archive", jar).expect(201);
        JsonNode plugin = installed.json();
        assertEquals("rest-life", plugin.get("id").asText());
        assertEquals("1.0.0", plugin.get("version").asText());
        assertEquals("STARTED", plugin.get("state").asText());
        assertEquals(64, plugin.get("sha256").asText().length());
        assertEquals("RestLife", plugin.get("handlers").get(0).asText());
        // stored under the host's own name, whatever the client called it
        assertTrue(Files.exists(api.host.config().pluginsDir().resolve(plugin.get("file").asText())));

        JsonNode handler = api.get("/api/handlers").expect(200).json().get("RestLife");
        assertEquals("rest-life@1.0.0", handler.get("source").asText());
        assertEquals(plugin.get("sha256").asText(), handler.get("sha256").asText());
        assertEquals("builtin", api.get("/api/handlers").json().get("ManualActivityHandler").get("source").asText());
        assertTrue(api.get("/api/plugins").expect(200).text().contains("\"rest-life\""));

        // a second plugin offering the same handler name is a conflict, and changes nothing
        byte[] rival = ApiTestPluginJars.withHandler("rest-rival", "1.0.0", "RestLife");
        assertEquals("plugin_handler_conflict", api.postBytes("/api/plugins", "application/octet-stream", rival).error(409));
        assertEquals("rest-life@1.0.0", api.get("/api/handlers").json().get("RestLife").get("source").asText());

        assertEquals("STOPPED", api.post("/api/plugins/rest-life/stop").expect(200).json().get("state").asText());
        assertFalse(api.get("/api/handlers").json().has("RestLife"));
        assertEquals("STARTED", api.post("/api/plugins/rest-life/start").expect(200).json().get("state").asText());
        assertEquals("STARTED", api.post("/api/plugins/rest-life/reload").expect(200).json().get("state").asText());
        assertTrue(api.get("/api/handlers").json().has("RestLife"));

        JsonNode removed = api.delete("/api/plugins/rest-life?timeoutSeconds=5").expect(200).json();
        assertTrue(removed.get("unloaded").asBoolean());
        assertFalse(api.get("/api/handlers").json().has("RestLife"));
        assertEquals("plugin_not_found", api.post("/api/plugins/rest-life/start").error(404));
    }

    @Test
    void badPluginJarsAre400WithTheReasonAndTheHostStaysUp() {
        Reply noManifest = api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.withoutManifest());
        assertEquals("plugin_invalid_jar", noManifest.error(400));
        assertTrue(noManifest.json().get("message").asText().toLowerCase(Locale.ROOT).contains("manifest"), noManifest.text());
        Reply garbage = api.postBytes("/api/plugins", "application/octet-stream", "not a jar".getBytes(StandardCharsets.UTF_8));
        assertEquals("plugin_invalid_jar", garbage.error(400));
        assertEquals("missing_body", api.postBytes("/api/plugins", "application/octet-stream", new byte[0]).error(400));
        assertEquals("UP", api.get("/api/health").expect(200).json().get("status").asText());
    }

    // ---- templates -------------------------------------------------------------------------------

    @Test
    void templatesImportExportValidatePublish() throws Exception {
        String document = document("tpl-rest", "AutomatedActivityHandler");
        JsonNode first = api.postJson("/api/templates", document).expect(201).json();
        assertEquals("tpl-rest", first.get("code").asText());
        assertEquals(1, first.get("version").asInt());
        assertEquals("DRAFT", first.get("status").asText());
        JsonNode second = api.postJson("/api/templates?publish=true", document).expect(201).json();
        assertEquals(2, second.get("version").asInt());
        assertEquals("PUBLISHED", second.get("status").asText());

        JsonNode current = api.get("/api/templates/tpl-rest").expect(200).json();
        assertEquals(2, current.get("version").asInt());
        assertEquals("Solo", current.get("phases").get(0).get("name").asText());
        assertEquals(1, api.get("/api/templates/tpl-rest/versions/1").expect(200).json().get("version").asInt());
        assertTrue(api.get("/api/templates").expect(200).text().contains("\"tpl-rest\""));

        JsonNode published = api.post("/api/templates/tpl-rest/versions/1/publish").expect(200).json();
        assertEquals("PUBLISHED", published.get("status").asText());
        assertEquals(1, api.get("/api/templates/tpl-rest").json().get("version").asInt());

        JsonNode valid = api.postJson("/api/templates/validate", document).expect(200).json();
        assertTrue(valid.get("valid").asBoolean(), valid.toString());

        // a handler no live host has: refused naming the step and the handler; publishing needs force
        String unknownHandler = document("tpl-unknown", "NoSuchHandler");
        Reply refused = api.postJson("/api/templates?publish=true", unknownHandler);
        assertEquals("unknown_handlers", refused.error(409));
        assertEquals("NoSuchHandler", refused.json().get("details").get(0).get("handler").asText(), refused.text());
        JsonNode forced = api.postJson("/api/templates?publish=true&force=true", unknownHandler).expect(201).json();
        assertEquals("PUBLISHED", forced.get("status").asText());
        assertEquals(1, forced.get("warnings").size());
    }

    @Test
    void invalidTemplatesListEveryProblemWithItsPath() throws Exception {
        String invalid = document("tpl-bad", "AutomatedActivityHandler")
                .replace("\"timeoutSeconds\": 60", "\"timeoutSeconds\": 0")
                .replace("\"dependsOn\": []", "\"dependsOn\": [{\"activity\": \"GHOST\", \"type\": \"completion\"}]");
        Reply rejected = api.postJson("/api/templates", invalid);
        assertEquals("invalid_template", rejected.error(400));
        JsonNode problems = rejected.json().get("details");
        assertTrue(problems.size() >= 2, rejected.text());
        List<String> paths = new ArrayList<>();
        problems.forEach(problem -> {
            assertNotNull(problem.get("message").asText());
            assertEquals("ERROR", problem.get("severity").asText());
            paths.add(problem.get("path").asText());
        });
        assertTrue(paths.stream().anyMatch(path -> path.startsWith("phases[0].activities[0]")), paths.toString());
        assertEquals("template_not_found", api.get("/api/templates/tpl-bad").error(404), "nothing stored");

        JsonNode report = api.postJson("/api/templates/validate", invalid).expect(200).json();
        assertFalse(report.get("valid").asBoolean());
        assertEquals(problems.size(), report.get("problems").size());
        JsonNode notATemplate = api.postJson("/api/templates/validate", "{\"code\": 7}").expect(200).json();
        assertFalse(notATemplate.get("valid").asBoolean());
        assertEquals("invalid_template", api.postJson("/api/templates", "{\"code\": \"x\", \"phases\": 3}").error(400));
    }

    /** A one-phase template with one automated activity on the given handler. */
    static String document(String code, String handler) {
        return """
                {"code": "%s", "name": "REST test", "version": 1, "description": null,
                 "phases": [{"name": "Solo", "order": 1, "executionMode": "sequential", "fanOut": null, "maxParallelism": null,
                   "activities": [{"code": "ONLY", "name": "Only", "type": "TASK", "manual": false, "handler": "%s",
                     "executionMode": "sequential", "timeoutSeconds": 60,
                     "retryPolicy": {"maximumAttempts": 2, "initialIntervalSeconds": 1, "backoffCoefficient": 1.0,
                                     "maximumIntervalSeconds": 1, "nonRetryableErrors": []},
                     "condition": null, "config": {}, "dependsOn": []}]}]}
                """.formatted(code, handler);
    }

    /** A path of the route with its parameters filled in. */
    static String concrete(Route route) {
        return route.path().replace("{id}", "some-id").replace("{code}", "some-code").replace("{v}", "1")
                .replace("{name}", "evidence/a.csv").replace("{username}", "someone").replace("{tokenId}", "1");
    }
}
