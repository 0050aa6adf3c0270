package dev.cadre.platform.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the route table: what the router serves and what the OpenAPI document says, from the
 * same data so the two cannot drift.
 *
 * @param method   HTTP method
 * @param path     the path as DESIGN section 6 and OpenAPI write it, {@code {name}} for parameters
 * @param summary  one line for the OpenAPI document
 * @param access   who may call it (a token is needed for everything but {@code GET /api/health})
 * @param body     what the request body is, which also picks its size limit
 * @param success  the status of a successful answer
 * @param others   route-specific statuses besides the common ones (401, 404 with path params, 400/413/415 with a body)
 * @param query    documented query parameters
 * @param greedy   whether the last path parameter may contain {@code /} (artifact names)
 * @param request  the schema of a JSON request body, or {@code null}
 * @param response the schema of the success answer's JSON body, or {@code null} when it is not JSON
 * @param produces the media type of the success answer
 * @param endpoint what it does
 */
record Route(String method, String path, String summary, Access access, Body body, int success, List<Integer> others,
             List<String> query, boolean greedy, io.swagger.v3.oas.models.media.Schema<?> request, io.swagger.v3.oas.models.media.Schema<?> response, String produces, Endpoint endpoint) {

    /** The kinds of request body, each with its own size limit. */
    enum Body {
        /** No body is read. */
        NONE,
        /** A JSON document up to {@code maxJsonBytes}. */
        JSON,
        /** Bytes (a plugin JAR, an artifact) up to {@code maxUploadBytes}. */
        UPLOAD
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    Route {
        others = List.copyOf(others);
        query = List.copyOf(query);
    }

    static Route get(String path, String summary, Endpoint endpoint) {
        return of("GET", path, summary, endpoint);
    }

    static Route post(String path, String summary, Endpoint endpoint) {
        return of("POST", path, summary, endpoint);
    }

    static Route put(String path, String summary, Endpoint endpoint) {
        return of("PUT", path, summary, endpoint);
    }

    static Route patch(String path, String summary, Endpoint endpoint) {
        return of("PATCH", path, summary, endpoint);
    }

    static Route delete(String path, String summary, Endpoint endpoint) {
        return of("DELETE", path, summary, endpoint);
    }

    private static Route of(String method, String path, String summary, Endpoint endpoint) {
        return new Route(method, path, summary, Access.AUTHENTICATED, Body.NONE, 200, List.of(), List.of(), false, null, null, "application/json", endpoint);
    }

    Route withoutToken() {
        return access(Access.OPEN);
    }

    /** @return this route, callable only at that level */
    Route access(Access level) {
        return new Route(method, path, summary, level, body, success, others, query, greedy, request, response, produces, endpoint);
    }

    /** @return whether it is served without a token */
    boolean open() {
        return access == Access.OPEN;
    }

    Route body(Body kind) {
        return new Route(method, path, summary, access, kind, success, others, query, greedy, request, response, produces, endpoint);
    }

    Route success(int status) {
        return new Route(method, path, summary, access, body, status, others, query, greedy, request, response, produces, endpoint);
    }

    Route also(Integer... statuses) {
        return new Route(method, path, summary, access, body, success, List.of(statuses), query, greedy, request, response, produces, endpoint);
    }

    Route query(String... names) {
        return new Route(method, path, summary, access, body, success, others, List.of(names), greedy, request, response, produces, endpoint);
    }

    /** @return this route, taking a JSON body of that schema */
    Route accepts(io.swagger.v3.oas.models.media.Schema<?> schema) {
        return new Route(method, path, summary, access, Body.JSON, success, others, query, greedy, schema, response, produces, endpoint);
    }

    /** @return this route, answering a JSON body of that schema on success */
    Route answers(io.swagger.v3.oas.models.media.Schema<?> schema) {
        return new Route(method, path, summary, access, body, success, others, query, greedy, request, schema, produces, endpoint);
    }

    /** @return this route, answering bytes of that media type (an artifact, Prometheus text) */
    Route produces(String mediaType) {
        return new Route(method, path, summary, access, body, success, others, query, greedy, request, response, mediaType, endpoint);
    }

    Route greedyName() {
        return new Route(method, path, summary, access, body, success, others, query, true, request, response, produces, endpoint);
    }

    /** @return the path parameter names, in order */
    List<String> parameters() {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** @return the Undertow path template: a greedy last parameter becomes the trailing {@code *} */
    String template() {
        if (!greedy) {
            return path;
        }
        int last = path.lastIndexOf('{');
        return path.substring(0, last) + "*";
    }

    /** @return {@code METHOD path}, for messages */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
