package dev.cadre.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /api/openapi.json}: an OpenAPI 3 document generated from the route table itself, so every
 * route served is documented and nothing documented is missing; built as swagger-models objects and
 * written by swagger-core's mapper.
 */
final class OpenApiResource {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(400, "Bad input"),
            Map.entry(401, "Missing or wrong bearer token"), Map.entry(403, "The caller lacks the role (or the plugin allow-list refuses)"),
            Map.entry(404, "Unknown template, workflow, plugin, artifact or route"), Map.entry(405, "Method not allowed"),
            Map.entry(409, "Conflict"), Map.entry(413, "Body over the size limit"), Map.entry(415, "Wrong content type"), Map.entry(422, "Content checked and refused (details list the problems)"),
            Map.entry(500, "Unexpected error (with an error id)"), Map.entry(503, "Down or Temporal unreachable"));

    private volatile byte[] document;

    /** Builds the document once, from the complete table. */
    void describe(List<Route> routes) {
        try {
            document = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(build(routes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    void document(Call call) {
        call.respondBytes(200, "application/json", document);
    }

    static OpenAPI build(List<Route> routes) {
        Paths paths = new Paths();
        for (Route route : routes) {
            PathItem item = paths.computeIfAbsent(route.path(), p -> new PathItem());
            item.operation(PathItem.HttpMethod.valueOf(route.method()), operation(route));
        }
        Components components = new Components()
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("the bootstrap admin token or a user's personal token (POST /api/users, /api/users/{username}/tokens)"));
        ApiSchemas.components().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(named -> components.addSchemas(named.getKey(), named.getValue()));
        return new OpenAPI().openapi("3.0.3")
                .info(new Info().title("Cadre admin API").version("1")
                        .description("Admin REST endpoint of a Cadre host. Every route but GET /api/health needs 'Authorization: Bearer <token>'."))
                .servers(List.of(new Server().url("/").description("the host that serves this document")))
                .security(List.of(new SecurityRequirement().addList("bearer")))
                .paths(paths)
                .components(components);
    }

    private static Operation operation(Route route) {
        Operation op = new Operation()
                .operationId((route.method() + route.path()).replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", ""))
                .summary(route.summary())
                .tags(List.of(tag(route.path())));
        if (route.open()) {
            op.security(List.of());
        } else if (route.access().role() != null) {
            op.description("Needs the role '" + route.access().role() + "'"
                    + (route.access() == Access.METRICS ? " (or operator, or admin)" : route.access() == Access.OPERATOR ? " (or admin)" : "") + ".");
        }
        for (String name : route.parameters()) {
            op.addParametersItem(new Parameter().name(name).in("path").required(true).schema(new StringSchema()));
        }
        for (String name : route.query()) {
            op.addParametersItem(new Parameter().name(name).in("query").required(false).schema(new StringSchema()));
        }
        if (route.body() == Route.Body.JSON) {
            if (route.request() == null) {
                throw new IllegalStateException(route + " takes JSON but names no schema for it");
            }
            op.requestBody(new RequestBody().required(true).content(content("application/json", ApiSchemas.use(route.request()))));
        } else if (route.body() == Route.Body.UPLOAD) {
            op.requestBody(new RequestBody().required(true).content(content("application/octet-stream", new BinarySchema())));
        }
        op.responses(responses(route));
        return op;
    }

    private static Content content(String mediaType, Schema<?> schema) {
        return new Content().addMediaType(mediaType, new MediaType().schema(schema));
    }

    /** @return the path's first segment after {@code /api} ({@code metrics} for {@code /metrics}) */
    private static String tag(String path) {
        String[] segments = path.substring(1).split("/");
        String tag = segments[0].equals("api") && segments.length > 1 ? segments[1] : segments[0];
        return tag.replace(".json", "");
    }

    private static ApiResponses responses(Route route) {
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
        ApiResponses responses = new ApiResponses();
        for (int status : statuses) {
            // the health check answers its own body when down; every other error is the one error shape
            boolean answer = status < 300 || (status == 503 && route.open());
            responses.addApiResponse(String.valueOf(status), new ApiResponse().description(REASONS.getOrDefault(status, "See the message"))
                    .content(answer ? answerContent(route) : content("application/json", ApiSchemas.use(ApiSchemas.ERROR))));
        }
        return responses;
    }

    private static Content answerContent(Route route) {
        if (route.response() != null) {
            return content(route.produces(), ApiSchemas.use(route.response()));
        }
        if (route.produces().equals("application/json")) {
            throw new IllegalStateException(route + " answers JSON but names no schema for it");
        }
        return content(route.produces(), new StringSchema().format(route.produces().startsWith("text/") ? "text" : "binary"));
    }
}
