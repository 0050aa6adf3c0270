package dev.cadre.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bin/cadre} process of a fault test (a host, or {@code temporal-dev}) and, for a host, its
 * admin endpoint. Only ever ends its own process tree, by pid.
 */
final class FaultHost {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;
    private final CadreScript script;
    private final Process process;
    private final int port;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param label  the label of its output files
     * @param script how it was started
     * @param process the {@code bin/cadre} process (the script execs java, so usually the JVM itself)
     * @param port   its admin port (0 when it has none)
     * @param token  the admin token
     */
    FaultHost(String label, CadreScript script, Process process, int port, String token) {
        this.label = label;
        this.script = script;
        this.process = process;
        this.port = port;
        this.token = token;
    }

    String label() {
        return label;
    }

    Process process() {
        return process;
    }

    /** @return everything it wrote so far */
    CadreScript.Result output() throws IOException {
        return script.output(label, process.isAlive() ? -1 : process.exitValue());
    }

    /** Waits for {@code GET /api/health} to answer 200. */
    void awaitHealthy(Duration limit) throws Exception {
        Poll.until(limit, Duration.ofMillis(250), () -> {
            if (!process.isAlive()) {
                fail(label + " exited " + process.exitValue() + "\n" + output().transcript());
            }
            try {
                return health(Duration.ofSeconds(5)).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        }, () -> label + " did not become healthy within " + limit + "\n" + output().transcript());
    }

    /** Waits until a line of its output contains {@code text}. */
    void awaitOutput(String text, Duration limit) throws Exception {
        Poll.until(limit, Duration.ofMillis(200), () -> {
            CadreScript.Result output = output();
            if (output.stdout().contains(text) || output.stderr().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                fail(label + " exited " + process.exitValue() + "\n" + output.transcript());
            }
            return false;
        }, () -> label + " did not print '" + text + "' within " + limit + "\n" + output().transcript());
    }

    /** Waits until {@code GET /api/handlers} lists the handler (plugins load after the endpoint is up). */
    void awaitHandler(String name, Duration limit) throws Exception {
        Poll.until(limit, Duration.ofMillis(250), () -> get("/api/handlers").has(name),
                () -> label + " did not load handler " + name + " within " + limit + "\n" + output().transcript());
    }

    /** @return the health answer, whatever its status */
    HttpResponse<String> health(Duration timeout) throws IOException, InterruptedException {
        return http.send(request("/api/health").timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return answer(request(path).GET().build(), 200);
    }

    JsonNode post(String path, String json) throws IOException, InterruptedException {
        return answer(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), 201);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
    }

    private JsonNode answer(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Ends the process and its descendants at once (SIGKILL): what a crash or an OOM killer does. */
    void kill() throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(label + " (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    /** Ends the process politely (SIGTERM), then forcibly; its descendants too. Safe to call twice. */
    void stop() throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
