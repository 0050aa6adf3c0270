package dev.cadre.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The host's admin REST API, as a user's script calls it: bearer token, JSON in and out. */
final class HostClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HostClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** Thrown for an answer other than the expected one; carries the status and body. */
    static final class UnexpectedAnswer extends IOException {
        final int status;
        final String body;

        UnexpectedAnswer(String request, int status, String body) {
            super(request + " answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }
    }

    /** @return whether {@code GET /api/health} answers 200 */
    boolean healthy() throws InterruptedException {
        try {
            return http.send(request("/api/health", Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    JsonNode get(String path, Duration timeout) throws IOException, InterruptedException {
        return answer(request(path, timeout).GET().build(), 200);
    }

    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return answer(request(path, Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), 201);
    }

    /** {@code POST /api/plugins}: installs a plugin JAR. */
    JsonNode installPlugin(byte[] jar) throws IOException, InterruptedException {
        return answer(request("/api/plugins", Duration.ofSeconds(60)).header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), 201);
    }

    /** {@code POST /api/parameter-files}: uploads a fan-out's elements; @return the file's id */
    String uploadParameterFile(List<?> elements) throws IOException, InterruptedException {
        return answer(request("/api/parameter-files", Duration.ofMinutes(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(elements))).build(), 201).path("id").asText();
    }

    /** {@code POST /api/workflows}: @return the new run's workflow id */
    String startWorkflow(String template, String businessKey, Map<String, ?> parameters) throws IOException, InterruptedException {
        return post("/api/workflows", Map.of("template", template, "businessKey", businessKey, "parameters", parameters)).path("workflowId").asText();
    }

    /** @return a request to the host with the admin token: {@link ReadLoad} sends its own, on connections of its own */
    HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).timeout(timeout);
    }

    private JsonNode answer(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new UnexpectedAnswer(request.method() + " " + request.uri().getPath(), response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }
}
