package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document of a real host: valid for an OpenAPI parser, every JSON request body's
 * properties exactly the fields its endpoint accepts, and real answers conforming to the documented
 * response schemas (properties, types, required, enums, the error shape).
 */
class OpenApiIT {

    @TempDir
    static Path home;

    static ApiFixture api;
    static JsonNode document;
    static String workflowId;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.withHandler("openapi-plugin", "1.0.0", "OpenApiGreet"))
                .expect(201);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/one-approval.json"))).expect(201);
        workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "one-approval", "businessKey", "OPENAPI")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the approval waits", () -> api.get("/api/tasks?workflowId=" + workflowId).json().size() == 1);
        document = api.get("/api/openapi.json").expect(200).json();
        // for CI's `redocly lint` (.ci/run), which checks the document against the OpenAPI rules
        Files.writeString(Path.of("target/openapi.json"), document.toPrettyString());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void anOpenApiParserAcceptsTheDocument() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document.toString(), null, options);
        assertEquals(List.of(), result.getMessages(), "parser messages");
        OpenAPI openApi = result.getOpenAPI();
        assertNotNull(openApi);
        SecurityScheme bearer = openApi.getComponents().getSecuritySchemes().get("bearer");
        assertEquals(SecurityScheme.Type.HTTP, bearer.getType());
        assertEquals("bearer", bearer.getScheme());
        assertEquals(api.server.routes().size(), openApi.getPaths().values().stream().mapToInt(p -> p.readOperations().size()).sum());
        assertTrue(openApi.getComponents().getSchemas().get("Error").getRequired().containsAll(List.of("error", "message", "details")));
        io.swagger.v3.oas.models.media.Schema<?> complete = openApi.getComponents().getSchemas().get("CompleteActivity");
        io.swagger.v3.oas.models.media.Schema<?> outcome = (io.swagger.v3.oas.models.media.Schema<?>) complete.getProperties().get("outcome");
        assertEquals(List.of("APPROVED", "REJECTED", "DONE", "REWORK"), outcome.getEnum());
    }

    /** An unknown field is refused with the fields the endpoint knows: they must be the documented ones. */
    @Test
    void everyJsonRequestBodyNamesTheFieldsItsEndpointAccepts() {
        List<String> problems = new ArrayList<>();
        for (Route route : api.server.routes()) {
            if (route.body() != Route.Body.JSON) {
                continue;
            }
            JsonNode schema = resolve(document.at(pointer(route) + "/requestBody/content/application~1json/schema"));
            TreeSet<String> documented = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(documented::add);
            if (route.request() == ApiSchemas.TEMPLATE_DOCUMENT) {
                // template documents are read by their own reader: an exported document has these fields (the optional
                // ones, such as parameters and scenarios, only when it has them)
                JsonNode exported = api.get("/api/templates/one-approval").expect(200).json();
                TreeSet<String> fields = new TreeSet<>();
                exported.fieldNames().forEachRemaining(fields::add);
                TreeSet<String> required = new TreeSet<>();
                schema.path("required").forEach(name -> required.add(name.asText()));
                if (!documented.containsAll(fields) || !fields.containsAll(required)) {
                    problems.add(route + " documents " + documented + " but a template document has " + fields);
                }
                continue;
            }
            String path = route.path().replace("{username}", "nobody").replaceAll("\\{[A-Za-z]+}", "no-such-thing");
            Reply reply = api.send(api.request(path).header("Content-Type", "application/json")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString("{\"zzUnknown\": 1}")).build());
            String expected = "expected one of " + documented;
            if (reply.status() != 400 || !reply.json().get("message").asText().endsWith(expected)) {
                problems.add(route + ": documented " + documented + ", endpoint said " + reply.status() + " " + reply.text());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void realAnswersConformToTheirDocumentedSchemas() {
        String token = api.postJson("/api/users", api.json(Map.of("username", "olga", "displayName", "Olga", "roles", List.of("operator"))))
                .expect(201).json().get("token").asText();
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/api/health", "/api/plugins", "/api/handlers", "/api/templates", "/api/templates/one-approval",
                "/api/templates/one-approval/versions/1", "/api/workflows", "/api/workflows/" + workflowId, "/api/tasks", "/api/me",
                "/api/users", "/api/users/olga/tokens", "/api/stats/handlers", "/api/stats/tasks", "/api/workflows/" + workflowId + "/artifacts")) {
            Route route = route("GET", path);
            Reply reply = api.get(path).expect(route.success());
            conforms(reply.json(), document.at(pointer(route) + "/responses/" + route.success() + "/content/application~1json/schema"),
                    "GET " + path, problems);
        }
        Reply refused = api.get("/api/workflows?status=NOPE").expect(400);
        conforms(refused.json(), document.at("/components/schemas/Error"), "an error", problems);
        Reply meAsOlga = api.send(HttpRequest.newBuilder(api.uri("/api/me")).header("Authorization", "Bearer " + token).GET().build()).expect(200);
        conforms(meAsOlga.json(), document.at("/components/schemas/Me"), "GET /api/me as olga", problems);

        Reply completed = api.postJson("/api/workflows/" + workflowId + "/activities/APPROVE/complete", "{\"outcome\": \"APPROVED\"}");
        Route complete = route("POST", "/api/workflows/x/activities/APPROVE/complete");
        conforms(completed.expect(202).json(), document.at(pointer(complete) + "/responses/202/content/application~1json/schema"),
                "POST complete", problems);
        ApiFixture.await("the run completes", () -> "COMPLETED".equals(api.get("/api/workflows/" + workflowId).json().get("status").asText()));
        conforms(api.get("/api/workflows/" + workflowId).json(), document.at("/components/schemas/Workflow"), "a completed run", problems);
        conforms(api.get("/api/stats/tasks").json(), document.at("/components/schemas/TaskStatistics"), "task statistics", problems);
        assertEquals(List.of(), problems);
    }

    private static Route route(String method, String concretePath) {
        String path = concretePath.contains("?") ? concretePath.substring(0, concretePath.indexOf('?')) : concretePath;
        return api.server.routes().stream().filter(r -> r.method().equals(method)
                && path.matches(r.path().replaceAll("\\{[A-Za-z]+}", "[^/]+"))).findFirst().orElseThrow(() -> new AssertionError("no route " + path));
    }

    private static String pointer(Route route) {
        return "/paths/" + route.path().replace("~", "~0").replace("/", "~1") + "/" + route.method().toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref") || resolved.has("allOf")) {
            resolved = resolved.has("$ref") ? document.at(resolved.get("$ref").asText().substring(1)) : resolved.get("allOf").get(0);
        }
        return resolved;
    }

    /** A small JSON-schema check of the OpenAPI subset the document uses. */
    private static void conforms(JsonNode value, JsonNode declared, String where, List<String> problems) {
        if (declared.isMissingNode()) {
            problems.add(where + ": no schema documented");
            return;
        }
        boolean nullable = declared.path("nullable").asBoolean(false);
        JsonNode schema = resolve(declared);
        if (value.isNull()) {
            if (!nullable && !schema.path("nullable").asBoolean(false) && schema.has("type")) {
                problems.add(where + ": null, but not nullable");
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(where + ": not an object: " + value);
                    return;
                }
                JsonNode properties = schema.path("properties");
                for (JsonNode required : schema.path("required")) {
                    if (!value.has(required.asText())) {
                        problems.add(where + ": lacks required '" + required.asText() + "'");
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (properties.has(field.getKey())) {
                        conforms(field.getValue(), properties.get(field.getKey()), where + "." + field.getKey(), problems);
                    } else if (schema.path("additionalProperties").isObject()) {
                        conforms(field.getValue(), schema.get("additionalProperties"), where + "." + field.getKey(), problems);
                    } else if (!schema.path("additionalProperties").asBoolean(false)) {
                        problems.add(where + ": undocumented property '" + field.getKey() + "'");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": not an array: " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    conforms(value.get(i), schema.get("items"), where + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": not a string: " + value);
                } else if (schema.has("enum") && !schema.get("enum").toString().contains("\"" + value.asText() + "\"")) {
                    problems.add(where + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": not an integer: " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": not a number: " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": not a boolean: " + value);
                }
            }
            default -> {
                // no type: any value
            }
        }
    }
}
