package dev.cadre.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, crash-safe embedded defaults, with the unpacked zip run as a user runs it: {@code bin/cadre run}
 * killed with SIGKILL comes back on the same data (its orphaned PostgreSQL cleaned up by the next start), and
 * an upgrade (a second unzipped copy pointed at the same {@code CADRE_DATA_DIR}) keeps templates, installed
 * plugins and the admin token.
 */
class CrashSafeIT {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(120);
    private static final Path ZIP = Path.of(System.getProperty("cadre.dist.zip"));
    private static final String VERSION_NAME = System.getProperty("cadre.dist.name");
    private static final Path WORK = Path.of(System.getProperty("cadre.work.dir") + " crash").toAbsolutePath();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    /** Every process a test started, and the postgres servers its hosts ran: all are gone after each test. */
    private final List<ProcessHandle> toStop = new ArrayList<>();
    private final List<Path> clusters = new ArrayList<>();

    @BeforeAll
    static void cleanWork() throws IOException {
        LocalFiles.deleteRecursively(WORK);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (ProcessHandle process : toStop) {
            process.destroyForcibly();
        }
        for (Path cluster : clusters) {
            postmaster(cluster).ifPresent(ProcessHandle::destroyForcibly); // an orphan left by a failed test
        }
        for (ProcessHandle process : toStop) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void hostKilledWithSigkillStartsAgainOnTheSameData() throws Exception {
        Path home = unzip("killed");
        Path data = home.resolve("data");
        clusters.add(data.resolve("pg"));
        int port = LocalFiles.freePort();
        CadreScript cadre = new CadreScript(home.resolve("bin/cadre"), WORK.resolve("logs")).in(home)
                .env("CADRE_ADMIN_PORT", String.valueOf(port)).env("JAVA_OPTS", "-Xmx512m");

        Process first = start(cadre, "run-before-kill", port);
        String token = Files.readString(data.resolve("admin.token")).trim();
        assertEquals(201, post(port, token, "/api/templates", "application/json",
                Files.readAllBytes(home.resolve("templates/test-cycle.json"))).statusCode());
        HttpResponse<String> imported = post(port, token, "/api/templates?publish=true", "application/json",
                TWO_APPROVALS.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, imported.statusCode(), imported.body());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pg.password"))));
        HttpResponse<String> user = post(port, token, "/api/users", "application/json",
                "{\"username\": \"alex\", \"roles\": [\"approver\"]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, user.statusCode(), user.body());
        String alex = json.readTree(user.body()).get("token").asText();
        HttpResponse<String> started = post(port, token, "/api/workflows", "application/json",
                "{\"template\": \"two-approvals\", \"businessKey\": \"KILLED\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, started.statusCode(), started.body());
        String workflowId = json.readTree(started.body()).get("workflowId").asText();
        complete(port, alex, workflowId, "FIRST_APPROVAL");
        awaitStatus(port, token, workflowId, "SECOND_APPROVAL", "WAITING");
        JsonNode firstApproval = step(port, token, workflowId, "FIRST_APPROVAL");

        // bin/cadre execs java, so the process is the JVM: SIGKILL it, as the OOM killer would
        ProcessHandle orphan = postmaster(data.resolve("pg")).orElseThrow(() -> new AssertionError("no postmaster.pid while running"));
        first.destroyForcibly();
        long killed = System.nanoTime();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the JVM died of SIGKILL");
        assertTrue(orphan.isAlive(), "the killed host's PostgreSQL outlived it (the case to recover from)");

        Process second = start(cadre, "run-after-kill", port);
        assertTrue(!orphan.isAlive(), "the orphaned PostgreSQL was stopped by the next start");
        String log = cadre.output("run-after-kill", -1).stderr() + cadre.output("run-after-kill", -1).stdout();
        assertTrue(log.contains("Found an orphaned embedded PostgreSQL"), "the cleanup is logged:\n" + log);
        assertEquals(token, Files.readString(data.resolve("admin.token")).trim(), "the admin token is kept");
        assertTemplates(port, token);

        // the embedded Temporal server forgot the run; the host continued it from its records at start
        complete(port, alex, workflowId, "SECOND_APPROVAL");
        System.out.printf("SIGKILL to a resumed workflow accepting its waiting task: %.1f s%n", (System.nanoTime() - killed) / 1e9);
        awaitRun(port, token, workflowId, "COMPLETED");
        JsonNode detail = json.readTree(get(port, token, "/api/workflows/" + workflowId).body());
        assertEquals(1, detail.get("resumptions").size(), detail.toString());
        assertEquals(firstApproval.get("completedBy"), step(port, token, workflowId, "FIRST_APPROVAL").get("completedBy"));
        assertEquals(firstApproval.get("completedAt"), step(port, token, workflowId, "FIRST_APPROVAL").get("completedAt"),
                "the earlier approval is unchanged");
        assertEquals("alex", step(port, token, workflowId, "SECOND_APPROVAL").get("completedBy").asText());
        stop(second);
    }

    @Test
    void upgradeByUnzippingANewCopyKeepsTemplatesPluginsAndToken() throws Exception {
        Path data = WORK.resolve("shared data");
        clusters.add(data.resolve("pg"));
        int port = LocalFiles.freePort();
        Path oldHome = unzip("old version");
        CadreScript oldCadre = new CadreScript(oldHome.resolve("bin/cadre"), WORK.resolve("logs")).in(oldHome)
                .env("CADRE_DATA_DIR", data.toString()).env("CADRE_ADMIN_PORT", String.valueOf(port)).env("JAVA_OPTS", "-Xmx512m");
        Process old = start(oldCadre, "run-old", port);
        assertTrue(Files.isDirectory(data.resolve("plugins")) && Files.isRegularFile(data.resolve("pg/PG_VERSION")),
                "plugins and cluster live in CADRE_DATA_DIR");
        String token = Files.readString(data.resolve("admin.token")).trim();
        assertEquals(201, post(port, token, "/api/templates?publish=true", "application/json",
                Files.readAllBytes(oldHome.resolve("templates/test-cycle.json"))).statusCode());
        HttpResponse<String> installed = post(port, token, "/api/plugins", "application/java-archive", pluginJar("it-upgrade-kept"));
        assertEquals(201, installed.statusCode(), installed.body());
        stop(old);

        Path newHome = unzip("new version");
        CadreScript newCadre = new CadreScript(newHome.resolve("bin/cadre"), WORK.resolve("logs")).in(newHome)
                .env("CADRE_DATA_DIR", data.toString()).env("CADRE_ADMIN_PORT", String.valueOf(port)).env("JAVA_OPTS", "-Xmx512m");
        Process upgraded = start(newCadre, "run-new", port);
        assertTemplates(port, token); // the old token is accepted: it came from the data directory
        JsonNode plugins = json.readTree(get(port, token, "/api/plugins").body());
        List<String> ids = new ArrayList<>();
        plugins.forEach(p -> ids.add(p.path("id").asText()));
        assertTrue(ids.contains("it-upgrade-kept"), "the plugin installed through REST survived the upgrade: " + ids);
        assertTrue(ids.contains("planning"), "the bundled plugins too: " + ids);
        try (Stream<Path> written = Files.list(newHome.resolve("data"))) {
            // the class cache is no state: bin/cadre rebuilds it when it is missing
            assertEquals(List.of("logs"), written.map(p -> p.getFileName().toString()).filter(name -> !name.equals("class-cache")).toList(),
                    "no state under the new installation, only its log files (and its class cache)");
        }
        stop(upgraded);
    }

    private Process start(CadreScript cadre, String label, int port) throws Exception {
        Process host = cadre.start(label, "run");
        toStop.add(host.toHandle());
        Poll.until(HEALTHY_WITHIN, Duration.ofMillis(250), () -> {
            if (!host.isAlive()) {
                fail("bin/cadre run exited " + host.exitValue() + "\n" + cadre.output(label, host.exitValue()).transcript());
            }
            try {
                return http.send(HttpRequest.newBuilder(uri(port, "/api/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        }, () -> "bin/cadre run did not become healthy within " + HEALTHY_WITHIN + "\n" + cadre.output(label, -1).transcript());
        return host;
    }

    /** SIGTERM, as a service manager stops it; the host stops its PostgreSQL. */
    /** A template whose run waits for two approvals in a row. */
    private static final String TWO_APPROVALS = """
            {"code": "two-approvals", "name": "Two approvals", "version": 1, "phases": [
              {"name": "Approve", "order": 1, "executionMode": "sequential", "activities": [
                {"code": "START", "name": "Start", "type": "START", "manual": false, "handler": "AutomatedActivityHandler",
                 "executionMode": "sequential", "timeoutSeconds": 60, "retryPolicy": {"maximumAttempts": 3}},
                {"code": "FIRST_APPROVAL", "name": "First approval", "type": "APPROVAL", "manual": true, "handler": "ManualActivityHandler",
                 "executionMode": "sequential", "timeoutSeconds": 172800, "retryPolicy": {"maximumAttempts": 1},
                 "config": {"assigneeRole": "approver"}},
                {"code": "SECOND_APPROVAL", "name": "Second approval", "type": "APPROVAL", "manual": true, "handler": "ManualActivityHandler",
                 "executionMode": "sequential", "timeoutSeconds": 172800, "retryPolicy": {"maximumAttempts": 1},
                 "config": {"assigneeRole": "approver"}, "dependsOn": [{"activity": "FIRST_APPROVAL", "type": "approval"}]},
                {"code": "COMPLETE", "name": "Complete", "type": "COMPLETE", "manual": false, "handler": "AutomatedActivityHandler",
                 "executionMode": "sequential", "timeoutSeconds": 60, "retryPolicy": {"maximumAttempts": 3}}]}]}
            """;

    /** Completes a task as soon as the host accepts it (409 while the run is not waiting for it yet). */
    private void complete(int port, String token, String workflowId, String code) throws Exception {
        Poll.until(HEALTHY_WITHIN, Duration.ofMillis(200), () -> {
            HttpResponse<String> answer = post(port, token, "/api/workflows/" + workflowId + "/activities/" + code + "/complete",
                    "application/json", "{\"outcome\": \"APPROVED\", \"comment\": \"fine\"}".getBytes(StandardCharsets.UTF_8));
            if (answer.statusCode() != 202) {
                assertEquals(409, answer.statusCode(), answer.body());
            }
            return answer.statusCode() == 202;
        }, () -> code + " was never accepted");
    }

    private JsonNode step(int port, String token, String workflowId, String code) throws Exception {
        JsonNode detail = json.readTree(get(port, token, "/api/workflows/" + workflowId).body());
        for (JsonNode phase : detail.get("phases")) {
            for (JsonNode activity : phase.get("activities")) {
                if (activity.get("code").asText().equals(code)) {
                    return activity;
                }
            }
        }
        throw new AssertionError("no activity " + code + " in " + detail);
    }

    private void awaitStatus(int port, String token, String workflowId, String code, String status) throws Exception {
        Poll.until(HEALTHY_WITHIN, Duration.ofMillis(200), () -> status.equals(step(port, token, workflowId, code).path("status").asText()),
                () -> code + " never became " + status);
    }

    private void awaitRun(int port, String token, String workflowId, String status) throws Exception {
        Poll.until(HEALTHY_WITHIN, Duration.ofMillis(200),
                () -> status.equals(json.readTree(get(port, token, "/api/workflows/" + workflowId).body()).path("status").asText()),
                () -> workflowId + " never became " + status);
    }

    private static void stop(Process host) throws InterruptedException {
        host.destroy();
        assertTrue(host.waitFor(60, TimeUnit.SECONDS), "bin/cadre run stops within 60 s of SIGTERM");
    }

    private void assertTemplates(int port, String token) throws Exception {
        HttpResponse<String> templates = get(port, token, "/api/templates");
        assertEquals(200, templates.statusCode(), templates.body());
        assertTrue(templates.body().contains("test-cycle"), "the imported template is still there: " + templates.body());
    }

    private HttpResponse<String> get(int port, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String token, String path, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A plugin an admin installs, not one the zip bundles: a manifest and nothing else. */
    private static byte[] pluginJar(String id) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Provider", "Cadre ITs");
        main.putValue("Plugin-Requires", ">=1.0.0 <2.0.0");
        main.putValue("Plugin-Dependencies", "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.flush();
        }
        return bytes.toByteArray();
    }

    /** @return the live process {@code postmaster.pid} of the cluster names, if any */
    private static Optional<ProcessHandle> postmaster(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static Path unzip(String name) throws IOException {
        Path target = WORK.resolve(name);
        Zips.unzip(ZIP, target);
        return target.resolve(VERSION_NAME);
    }

}
