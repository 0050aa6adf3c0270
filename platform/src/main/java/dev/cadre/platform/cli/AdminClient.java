package dev.cadre.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small client of a host's admin REST endpoint, used by {@code cadre plugins ...} and by the demo,
 * which plays people through the same API a person's tools would use.
 */
final class AdminClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper;
    private final String baseUrl;
    private final String token;

    /**
     * @param baseUrl for example {@code http://127.0.0.1:8080}
     * @param token   the admin bearer token
     * @param mapper  JSON mapper
     */
    AdminClient(String baseUrl, String token, ObjectMapper mapper) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.mapper = mapper;
    }

    /** @param otherToken a user's token @return a client of the same host acting as that user */
    AdminClient as(String otherToken) {
        return new AdminClient(baseUrl, otherToken, mapper);
    }

    /** An answer: status code and body. */
    record Response(int status, byte[] body, ObjectMapper mapper) {
        JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new AdminException(status, "the host answered " + status + " with a body that is not JSON");
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** @return this response, or an exception carrying the host's error message */
        Response orThrow() {
            if (!ok()) {
                String message;
                try {
                    JsonNode error = mapper.readTree(body);
                    message = error.path("message").asText(new String(body, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    message = new String(body, StandardCharsets.UTF_8);
                }
                throw new AdminException(status, message);
            }
            return this;
        }
    }

    /** The host refused a request or could not be reached. */
    static final class AdminException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        AdminException(int status, String message) {
            super(status == 0 ? message : "HTTP " + status + ": " + message);
            this.status = status;
        }
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response postJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body))).build());
    }

    Response postBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    Response putBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private byte[] write(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body: " + e.getMessage(), e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), mapper);
        } catch (IOException e) {
            throw new AdminException(0, "cannot reach the Cadre host at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(0, "interrupted while calling " + request.uri());
        }
    }
}
