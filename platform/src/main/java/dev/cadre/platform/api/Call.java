package dev.cadre.platform.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.text.ControlCharacters;
import dev.cadre.platform.users.Principal;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * One request as endpoints see it: path and query parameters, the body read within the route's size
 * limit (the exchange is in blocking mode, off the IO thread), and JSON or byte responses.
 */
final class Call {

    private final HttpServerExchange exchange;
    private final ObjectMapper mapper;

    Call(HttpServerExchange exchange, ObjectMapper mapper) {
        this.exchange = exchange;
        this.mapper = mapper;
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    /** @return who is calling (every route but the open ones has one) */
    Principal principal() {
        Principal principal = exchange.getAttachment(Authentication.PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route " + exchange.getRequestPath() + " has no authenticated caller");
        }
        return principal;
    }

    /** @return who is calling and from which address, for the audit log */
    dev.cadre.platform.audit.Actor actor() {
        return dev.cadre.platform.audit.Actor.of(principal(), client(exchange));
    }

    /** @return the client's address as the host saw it */
    static String client(HttpServerExchange exchange) {
        java.net.InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? null : source.getAddress().getHostAddress();
    }

    /** @return a path parameter of the route's template; the trailing {@code *} of a greedy one is its last name */
    String path(String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().get(name);
        if (value == null && match != null) {
            value = match.getParameters().get("*");
        }
        if (value == null) {
            throw new IllegalStateException("route " + exchange.getRequestPath() + " has no path parameter " + name);
        }
        if (value.isEmpty()) {
            // a trailing slash (/api/workflows/) matches a template with an empty last part: no such resource
            throw ApiException.notFound("route_not_found", "no route " + exchange.getRequestMethod() + " " + exchange.getRequestPath());
        }
        return value;
    }

    /** @return the first value of a query parameter, empty when absent or blank */
    Optional<String> query(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        String value = values == null ? null : values.peekFirst();
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    int queryInt(String name, int fallback, int min, int max) {
        Optional<String> raw = query(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw ApiException.badRequest("invalid_parameter", "query parameter '" + name + "' must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "query parameter '" + name + "' must be a whole number, got '" + raw.get() + "'");
        }
    }

    boolean queryFlag(String name) {
        Optional<String> raw = query(name);
        if (raw.isEmpty()) {
            return false;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("invalid_parameter", "query parameter '" + name + "' must be true or false");
        };
    }

    /** @return the request's media type without parameters, lower case, or empty */
    String contentType() {
        String header = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** @return the request header's first value as sent, or {@code null} */
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /**
     * Reads the body as JSON.
     *
     * @return the parsed body
     * @throws ApiException 415 unless it is declared JSON, 413 over the limit, 400 when empty or malformed
     */
    JsonNode json() {
        return readJson().node();
    }

    /** @return the body as the client sent it, after checking it is JSON (template documents: their line numbers stay true) */
    String jsonText() {
        return new String(readJson().raw(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private record JsonBody(byte[] raw, JsonNode node) {
    }

    private JsonBody readJson() {
        String type = contentType();
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            throw new ApiException(415, "unsupported_media_type", "send the body as application/json"
                    + (type.isEmpty() ? "" : ", not " + type), null);
        }
        byte[] body = bytes();
        try {
            JsonNode node = body.length == 0 ? null : mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("missing_body", "the request needs a JSON body");
            }
            // a NUL in a business key reaches PostgreSQL and Temporal, which disagree about it
            String control = ControlCharacters.pathIn(node);
            if (control != null) {
                throw controlCharacter(control.isEmpty() ? "(the body)" : control);
            }
            return new JsonBody(body, node);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the body is not readable JSON: " + e.getMessage());
        }
    }

    /** @param field where, as a JSON path @return the 400 that names it */
    static ApiException controlCharacter(String field) {
        return new ApiException(400, "control_character", "field '" + field + "' holds a control character", java.util.Map.of("field", field));
    }

    static ApiException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (at != null && at.getLineNr() >= 1) {
            details.put("line", at.getLineNr());
            details.put("column", at.getColumnNr());
        }
        return new ApiException(400, "malformed_json", "the body is not valid JSON" + where + ": " + e.getOriginalMessage(),
                details.isEmpty() ? null : details);
    }

    /**
     * Reads the whole body within the exchange's entity-size limit (set per route).
     *
     * @throws ApiException 413 when it is larger
     */
    byte[] bytes() {
        long limit = exchange.getMaxEntitySize();
        long declared = exchange.getRequestContentLength();
        if (limit > 0 && declared > limit) {
            throw ApiException.tooLarge(limit);
        }
        try {
            InputStream in = exchange.getInputStream();
            int cap = (int) Math.min(limit > 0 ? limit + 1 : Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 8);
            byte[] body = in.readNBytes(cap);
            if (limit > 0 && body.length > limit) {
                throw ApiException.tooLarge(limit);
            }
            return body;
        } catch (io.undertow.server.RequestTooBigException e) {
            throw ApiException.tooLarge(limit);
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable_body", "the request body could not be read: " + e.getMessage());
        }
    }

    /**
     * The body, copied to a temporary file as it arrives (never into memory), with its size and SHA-256.
     *
     * @return the spilled body; the caller closes it
     * @throws ApiException 413 over the request limit (nothing is kept), 400 when it cannot be read
     */
    dev.cadre.platform.runs.Upload upload() {
        long limit = exchange.getMaxEntitySize();
        if (limit > 0 && exchange.getRequestContentLength() > limit) {
            throw ApiException.tooLarge(limit);
        }
        try {
            return dev.cadre.platform.runs.Upload.spill(exchange.getInputStream(), limit);
        } catch (dev.cadre.platform.runs.Upload.TooLargeException | io.undertow.server.RequestTooBigException e) {
            throw ApiException.tooLarge(limit);
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable_body", "the request body could not be read: " + e.getMessage());
        }
    }

    /** Answers with a JSON body. */
    void respond(int status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response is not JSON-compatible: " + e.getOriginalMessage(), e);
        }
        send(exchange, status, "application/json", bytes);
    }

    /** Answers with JSON text produced elsewhere (template documents keep their canonical form). */
    void respondJsonText(int status, String json) {
        send(exchange, status, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Answers with bytes of any type (artifact downloads). */
    void respondBytes(int status, String contentType, byte[] body) {
        send(exchange, status, contentType, body);
    }

    static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        // artifact types come from uploaders: never let a browser sniff one into something runnable
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
