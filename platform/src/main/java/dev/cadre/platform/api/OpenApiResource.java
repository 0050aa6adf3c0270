package dev.cadre.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code GET /api/openapi.json}: an OpenAPI 3 document generated from the route table itself, so every
 * route served is documented and nothing documented is missing.
 */
final class OpenApiResource {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(400, "Bad input"),
            Map.entry(401, "Missing or wrong bearer token"), Map.entry(403, "The caller lacks the role (or the plugin allow-list refuses)"),
            Map.entry(404, "Unknown template, workflow, plugin, artifact or route"), Map.entry(405, "Method not allowed"),
            Map.entry(409, "Conflict"), Map.entry(413, "Body over the size limit"), Map.entry(415, "Wrong content type"),
            Map.entry(500, "Unexpected error (with an error id)"), Map.entry(503, "Down or Temporal unreachable"));

    private final ObjectMapper mapper;
    private volatile byte[] document;

    OpenApiResource(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Builds the document once, from the complete table. */
    void describe(List<Route> routes) {
        try {
            document = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(build(routes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    void document(Call call) {
        call.respondBytes(200, "application/json", document);
    }

    static Map<String, Object> build(List<Route> routes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Cadre admin API", "version", "1",
                "description", "Admin REST endpoint of a Cadre host. Every route but GET /api/health needs 'Authorization: Bearer <token>'."));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> schemas = new TreeMap<>(ApiSchemas.ERROR.components().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().definition())));
        for (Route route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
            item.put(route.method().toLowerCase(java.util.Locale.ROOT), operation(route));
            for (Schema schema : Arrays.asList(route.request(), route.response())) {
                if (schema != null) {
                    schema.components().forEach((name, named) -> schemas.putIfAbsent(name, named.definition()));
                }
            }
        }
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
                        "description", "the bootstrap admin token or a user's personal token (POST /api/users, /api/users/{username}/tokens)")),
                "schemas", schemas));
        return doc;
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", (route.method() + route.path()).replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", ""));
        op.put("summary", route.summary());
        op.put("tags", List.of(tag(route.path())));
        if (route.open()) {
            op.put("security", List.of());
        } else if (route.access().role() != null) {
            op.put("description", "Needs the role '" + route.access().role() + "'"
                    + (route.access() == Access.METRICS ? " (or operator, or admin)" : route.access() == Access.OPERATOR ? " (or admin)" : "") + ".");
        }
        List<Object> parameters = new ArrayList<>();
        for (String name : route.parameters()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (String name : route.query()) {
            parameters.add(Map.of("name", name, "in", "query", "required", false, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (route.body() == Route.Body.JSON) {
            if (route.request() == null) {
                throw new IllegalStateException(route + " takes JSON but names no schema for it");
            }
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", route.request().reference()))));
        } else if (route.body() == Route.Body.UPLOAD) {
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/octet-stream",
                    Map.of("schema", Map.of("type", "string", "format", "binary")))));
        }
        op.put("responses", responses(route));
        return op;
    }

    /** @return the path's first segment after {@code /api} ({@code metrics} for {@code /metrics}) */
    private static String tag(String path) {
        String[] segments = path.substring(1).split("/");
        String tag = segments[0].equals("api") && segments.length > 1 ? segments[1] : segments[0];
        return tag.replace(".json", "");
    }

    private static Map<String, Object> responses(Route route) {
        TreeSet<Integer> statuses = new TreeSet<>(route.others());
        statuses.add(route.success());
        if (!route.open()) {
            statuses.add(401);
        }
        if (route.access().role() != null) {
            statuses.add(403);
        }
        if (!route.parameters().isEmpty()) {
            statuses.add(404);
        }
        if (route.body() != Route.Body.NONE) {
            statuses.add(400);
            statuses.add(413);
        }
        if (route.body() == Route.Body.JSON) {
            statuses.add(415);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        for (int status : statuses) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", REASONS.getOrDefault(status, "See the message"));
            // the health check answers its own body when down; every other error is the one error shape
            boolean answer = status < 300 || (status == 503 && route.open());
            response.put("content", answer ? answerContent(route) : Map.of("application/json", Map.of("schema", ApiSchemas.ERROR.reference())));
            responses.put(String.valueOf(status), response);
        }
        return responses;
    }

    private static Map<String, Object> answerContent(Route route) {
        if (route.response() != null) {
            return Map.of(route.produces(), Map.of("schema", route.response().reference()));
        }
        if (route.produces().equals("application/json")) {
            throw new IllegalStateException(route + " answers JSON but names no schema for it");
        }
        return Map.of(route.produces(), Map.of("schema", Map.of("type", "string", "format", route.produces().startsWith("text/") ? "text" : "binary")));
    }
}
