package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.host.CadreHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * A real host (embedded PostgreSQL and Temporal) with its admin endpoint on an ephemeral port, and a
 * small HTTP client for it. One per test class: starting takes seconds.
 */
public final class ApiFixture implements AutoCloseable {

    public static final String TOKEN = "test-token-of-at-least-32-characters";
    static final int MAX_JSON = 16 * 1024;
    static final int MAX_UPLOAD = 256 * 1024;
    public static final Duration PATIENCE = Duration.ofSeconds(90);

    public final CadreHost host;
    public final AdminServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ObjectMapper mapper = new ObjectMapper();

    public ApiFixture(Path home) {
        this(home, Map.of());
    }

    /** @param more configuration on top of the fixture's (e.g. a short plugin load time limit) */
    ApiFixture(Path home, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "CADRE_HOME", home.toString(),
                "CADRE_ADMIN_PORT", "0",
                "CADRE_ADMIN_TOKEN", TOKEN,
                "CADRE_ADMIN_MAX_JSON_BYTES", String.valueOf(MAX_JSON),
                "CADRE_ADMIN_MAX_UPLOAD_BYTES", String.valueOf(MAX_UPLOAD),
                "CADRE_TASK_QUEUE", "api-test"));
        environment.putAll(more);
        CadreConfig config = new ConfigLoader(environment).load(home);
        host = CadreHost.start(config);
        try {
            server = AdminServer.start(host);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * A host with single sign-on through an OpenID Connect provider.
     *
     * @param home     the host's home
     * @param issuer   the provider's issuer URL
     * @param clientId the console's client id there
     * @param secret   its secret
     * @return the running host
     */
    public static ApiFixture withSingleSignOn(Path home, String issuer, String clientId, String secret) {
        return new ApiFixture(home, Map.of("CADRE_OIDC_ISSUER", issuer, "CADRE_OIDC_CLIENT_ID", clientId, "CADRE_OIDC_CLIENT_SECRET", secret));
    }

    /** A response: status, headers, body. */
    public record Reply(HttpResponse<byte[]> raw, ObjectMapper mapper) {
        public int status() {
            return raw.statusCode();
        }

        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return mapper.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status() + "): " + text(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Asserts the status and the one error shape, and returns the error code. */
        public String error(int expected) {
            assertEquals(expected, status(), () -> "status; body: " + text());
            JsonNode body = json();
            if (!body.hasNonNull("error") || !body.hasNonNull("message") || !body.has("details")) {
                fail("not the error shape: " + text());
            }
            if (text().contains("\tat ") || text().contains(".java:")) {
                fail("error body leaks internals: " + text());
            }
            return body.get("error").asText();
        }

        public Reply expect(int expected) {
            assertEquals(expected, status(), () -> "status; body: " + text());
            return this;
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(PATIENCE).header("Authorization", "Bearer " + TOKEN);
    }

    Reply send(HttpRequest request) {
        try {
            try {
                return new Reply(client.send(request, HttpResponse.BodyHandlers.ofByteArray()), mapper);
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                // a pooled connection the server had already closed: the request never reached it, so send it again
                return new Reply(client.send(request, HttpResponse.BodyHandlers.ofByteArray()), mapper);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Reply get(String path) {
        return send(request(path).GET().build());
    }

    Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Reply postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Reply postBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Reply putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply put(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /**
     * Creates a person through {@code POST /api/users}, as the browser tests' people are made.
     *
     * @return their personal token
     */
    public String createUser(String username, String displayName, String password, String role) {
        return postJson("/api/users", json(Map.of("username", username, "displayName", displayName, "password", password,
                "roles", List.of(role)))).expect(201).json().get("token").asText();
    }

    /**
     * Creates people with one password, each given as {@code [username, displayName, role]}.
     *
     * @return username -> personal token
     */
    public Map<String, String> createUsers(String password, List<List<String>> people) {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        for (List<String> person : people) {
            tokens.put(person.get(0), createUser(person.get(0), person.get(1), password, person.get(2)));
        }
        return tokens;
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(PATIENCE).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            host.close();
        }
    }
}
