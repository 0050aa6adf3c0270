package dev.cadre.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.distribution.faults.ExternalPostgres;
import dev.cadre.distribution.faults.FaultTemplate;
import dev.cadre.distribution.faults.PacedStepHandler;
import dev.cadre.distribution.faults.RunRecordChecks;
import dev.cadre.distribution.faults.ScoringStepHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 with real processes: hosts from the unpacked zip ({@code bin/cadre run}) on one PostgreSQL
 * and one {@code temporal-dev}. A plugin installed over REST on one host reaches the others from the
 * database; steps go only to hosts that have their handler; a killed host's place is taken by a new
 * one that loads the plugin before it takes work; template versions pinned to {@code ^1.0} and {@code ^2.0}
 * of one plugin run side by side on the same hosts, each on its release, and the pinned 1.0.0 cannot be
 * removed; a disabled release stops taking steps everywhere and
 * its steps say why they wait; publishing a template whose handler no host has is refused; a console
 * session started on one host is accepted by another and survives their restarts. Prints the figures
 * the issue asks for. Ends every process it started, by pid, and the PostgreSQL it ran.
 */
class ClusterIT {

    private static final String TOKEN = "cluster-it-token-of-at-least-32-characters";
    private static final String QUEUE = "cluster";
    private static final Duration START = Duration.ofMinutes(5);
    private static final String PLUGIN = "faults";
    /** A second plugin, released as 1.0.0 and 2.0.0 with different scoring formulas, for pinned template versions. */
    private static final String SCORES = "scores";
    private static final String VERSION_NAME = System.getProperty("cadre.dist.name");
    private static final Path ZIP = Path.of(System.getProperty("cadre.dist.zip"));
    private static final Path WORK = Path.of(System.getProperty("cadre.work.dir")).toAbsolutePath().resolveSibling("cluster-it work");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path install;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private final List<FaultHost> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ExternalPostgres postgres;
    private int temporalPort;

    @BeforeAll
    static void unzip() throws IOException {
        LocalFiles.deleteRecursively(WORK);
        Zips.unzip(ZIP, WORK.resolve("unpacked"));
        install = WORK.resolve("unpacked").resolve(VERSION_NAME);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }), "cluster-it-cleanup"));
    }

    @AfterEach
    void stopEverythingStarted() throws Exception {
        List<Throwable> problems = new ArrayList<>();
        List<FaultHost> newestFirst = new ArrayList<>(started);
        Collections.reverse(newestFirst);
        for (FaultHost process : newestFirst) {
            try {
                process.stop();
                RUNNING.remove(process.process());
            } catch (Exception | AssertionError e) {
                problems.add(e);
            }
        }
        started.clear();
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (!problems.isEmpty()) {
            AssertionError error = new AssertionError("could not stop every process the test started");
            problems.forEach(error::addSuppressed);
            throw error;
        }
    }

    @Test
    void threeHostsShareTheirPluginsThroughTheDatabaseAndStepsGoWhereTheirHandlerIs() throws Exception {
        postgres = ExternalPostgres.start(WORK.resolve("pg"));
        temporalPort = LocalFiles.freePort();
        FaultHost temporal = start("temporal-dev", 0, script(WORK.resolve("temporal-dev")), "temporal-dev", "--port",
                String.valueOf(temporalPort));
        temporal.awaitOutput("listening on", START);
        FaultHost host1 = host("host-1");
        FaultHost host2 = host("host-2");
        FaultHost host3 = host("host-3");
        for (FaultHost host : List.of(host1, host2, host3)) {
            host.awaitHealthy(START);
        }

        // installed over REST on host 1: loaded on hosts 2 and 3 within 5 s
        long installed = System.nanoTime();
        HttpResponse<String> upload = send(host1, "POST", "/api/plugins", "application/java-archive", plugin("1.0.0"));
        assertEquals(201, upload.statusCode(), upload.body());
        Map<String, Double> loadedAfter = new TreeMap<>();
        awaitUntil("hosts 2 and 3 load the plugin", Duration.ofSeconds(30), () -> {
            for (FaultHost host : List.of(host2, host3)) {
                if (!loadedAfter.containsKey(host.label()) && handlers(host).has(PacedStepHandler.NAME)) {
                    loadedAfter.put(host.label(), (System.nanoTime() - installed) / 1e9);
                }
            }
            return loadedAfter.size() == 2;
        });
        System.out.printf("ClusterIT: installed on host-1 -> loaded on %s (seconds)%n", loadedAfter);
        loadedAfter.forEach((host, seconds) -> assertTrue(seconds < 5, host + " loaded the plugin after " + seconds + " s"));
        JsonNode listed = host2.get("/api/plugins");
        JsonNode release = find(listed, PLUGIN);
        assertEquals("ENABLED", release.path("desiredState").asText(), listed.toString());
        awaitUntil("GET /api/plugins says the release is loaded on 3 live hosts", Duration.ofSeconds(15),
                () -> find(host2.get("/api/plugins"), PLUGIN).path("loadedOn").size() == 3);

        // publishing a template whose handler no host has is refused, naming step, handler and hosts
        String orphan = FaultTemplate.json().replace(PacedStepHandler.NAME, "AcmeRiskScoreHandler").replace("\"faults\"", "\"orphan\"");
        HttpResponse<String> refused = send(host1, "POST", "/api/templates?publish=true", "application/json",
                orphan.getBytes(StandardCharsets.UTF_8));
        assertEquals(409, refused.statusCode(), refused.body());
        String why = JSON.readTree(refused.body()).path("message").asText();
        assertTrue(why.contains("AcmeRiskScoreHandler") && why.contains("PREP_WORK") && why.contains("live hosts"), why);
        assertEquals(201, send(host1, "POST", "/api/templates?publish=true&force=true", "application/json",
                orphan.getBytes(StandardCharsets.UTF_8)).statusCode(), "force stages it ahead of the plugin");
        host1.post("/api/templates?publish=true", FaultTemplate.json());

        // 30 runs started on host 3 complete in normal time, each step on a host that has its handler
        long begun = System.nanoTime();
        List<String> runs = startRuns(host3, "thirty", 30);
        records().awaitCompleted(runs, Duration.ofMinutes(4), () -> transcript(host3));
        double wall = (System.nanoTime() - begun) / 1e9;
        records().assertRunRecords(runs);
        Map<String, Object> figures = runFigures(runs);
        System.out.printf("ClusterIT: 30 runs started on host-3: all COMPLETED in %.1f s; per run %s; paced steps by host pid %s%n",
                wall, figures, records().pacedStepsByHost(runs));
        assertEquals(0L, figures.get("stepsWithHandlerNotFound"), figures.toString());
        assertEquals(0L, figures.get("pluginStepsWithoutItsRelease"), figures.toString());
        Set<Long> pids = Set.of(host1.process().pid(), host2.process().pid(), host3.process().pid());
        assertTrue(pids.containsAll(records().pacedStepsByHost(runs).keySet()), "every paced step ran on one of the three hosts");

        // a console session started on host 2 is accepted by host 3
        host1.post("/api/users", "{\"username\": \"casey\", \"password\": \"correct horse battery\", \"roles\": [\"operator\"]}");
        String cookie = signIn(host2, "casey", "correct horse battery");
        assertEquals(200, console(host3, cookie).statusCode(), "host 3 accepts host 2's session");

        // host 1 is killed: the others go on; a fourth host loads the plugin from the database before it takes work
        host1.kill();
        FaultHost host4 = host("host-4");
        host4.awaitHealthy(START);
        assertTrue(handlers(host4).has(PacedStepHandler.NAME), "host 4 loaded the plugin before it answered healthy");
        awaitUntil("host 1 shows as lost, host 4 as live with the release loaded", Duration.ofSeconds(40), () -> {
            JsonNode cluster = host2.get("/api/cluster");
            boolean lost = false;
            boolean live = false;
            for (JsonNode host : cluster.path("hosts")) {
                if (host.path("pid").asLong() == host1.process().pid()) {
                    lost = "LOST".equals(host.path("state").asText());
                }
                if (host.path("pid").asLong() == host4.process().pid()) {
                    live = "LIVE".equals(host.path("state").asText()) && host.path("handlers").toString().contains(PacedStepHandler.NAME);
                }
            }
            return lost && live;
        });
        List<String> afterKill = startRuns(host2, "after-kill", 5);
        records().awaitCompleted(afterKill, Duration.ofMinutes(2), () -> transcript(host2));

        // template versions pinned to ^1.0 and ^2.0 of one plugin run at the same time on the same hosts, each on its release
        List<FaultHost> live = List.of(host2, host3, host4);
        assertEquals(201, send(host2, "POST", "/api/plugins", "application/java-archive", scoring("1.0.0", 2, 0)).statusCode());
        assertEquals(201, send(host2, "POST", "/api/plugins", "application/java-archive", scoring("2.0.0", 3, 1)).statusCode());
        awaitUntil("hosts 2, 3 and 4 load scores 2.0.0", Duration.ofSeconds(30), () -> live.stream()
                .allMatch(host -> handlers(host).path(ScoringStepHandler.NAME).path("source").asText().equals(SCORES + "@2.0.0")));
        host2.post("/api/templates?publish=true", scoredTemplate("scored-1", "^1.0"));
        host2.post("/api/templates?publish=true", scoredTemplate("scored-2", "^2.0"));
        List<String> scored1 = new ArrayList<>();
        List<String> scored2 = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            scored1.add(host3.post("/api/workflows", scoredStart("scored-1", i)).path("workflowId").asText());
            scored2.add(host3.post("/api/workflows", scoredStart("scored-2", i)).path("workflowId").asText());
        }
        records().awaitCompleted(scored1, Duration.ofMinutes(2), () -> transcript(host3));
        records().awaitCompleted(scored2, Duration.ofMinutes(2), () -> transcript(host3));
        Map<String, String> steps1 = scoreSteps(scored1);
        Map<String, String> steps2 = scoreSteps(scored2);
        System.out.printf("ClusterIT: pinned ^1.0 steps %s; pinned ^2.0 steps %s%n", steps1, steps2);
        for (int i = 1; i <= 3; i++) {
            assertEquals(SCORES + "@1.0.0 score=" + (10 + i) * 2, steps1.get(scored1.get(i - 1)), "1.0.0's formula: " + steps1);
            assertEquals(SCORES + "@2.0.0 score=" + ((10 + i) * 3 + 1), steps2.get(scored2.get(i - 1)), "2.0.0's formula: " + steps2);
        }
        // removing 1.0.0 while a published template version pins it is refused, naming that version
        HttpResponse<String> removal = send(host3, "DELETE", "/api/plugins/" + SCORES + "?version=1.0.0", "application/json", new byte[0]);
        assertEquals(409, removal.statusCode(), removal.body());
        assertTrue(removal.body().contains("scored-1 v1"), removal.body());

        // a disabled release stops taking steps on every host; its steps wait and say why; enabled again, they run
        assertEquals(200, send(host2, "POST", "/api/plugins/" + PLUGIN + "/stop", "application/json", new byte[0]).statusCode());
        awaitUntil("no host has the handler", Duration.ofSeconds(15), () -> {
            for (FaultHost host : List.of(host2, host3, host4)) {
                if (handlers(host).has(PacedStepHandler.NAME)) {
                    return false;
                }
            }
            return true;
        });
        String waiting = startRuns(host3, "disabled", 1).get(0);
        awaitUntil("the step says it waits for a host with the handler", Duration.ofSeconds(60),
                () -> host3.get("/api/workflows/" + waiting).toString().contains("waiting for a host with " + PacedStepHandler.NAME));
        long enabled = System.nanoTime();
        assertEquals(200, send(host4, "POST", "/api/plugins/" + PLUGIN + "/start", "application/json", new byte[0]).statusCode());
        records().awaitCompleted(List.of(waiting), Duration.ofMinutes(2), () -> transcript(host3));
        System.out.printf("ClusterIT: enabled again -> waiting run completed in %.1f s%n", (System.nanoTime() - enabled) / 1e9);
        records().assertRunRecords(List.of(waiting));

        // the session survives a restart of both hosts
        host2.stop();
        host3.stop();
        FaultHost host2again = restart(host2);
        FaultHost host3again = restart(host3);
        host2again.awaitHealthy(START);
        host3again.awaitHealthy(START);
        assertEquals(200, console(host2again, cookie).statusCode(), "the session survived host 2's restart");
        assertEquals(200, console(host3again, cookie).statusCode(), "the session survived host 3's restart");

        // 20 upgrades: the plugin tables keep each JAR once
        for (int patch = 1; patch <= 20; patch++) {
            HttpResponse<String> upgrade = send(host4, "POST", "/api/plugins", "application/java-archive", plugin("1.0." + patch));
            assertEquals(201, upgrade.statusCode(), upgrade.body());
        }
        awaitUntil("hosts follow the 20th upgrade", Duration.ofSeconds(30),
                () -> handlers(host2again).path(PacedStepHandler.NAME).path("source").asText().equals(PLUGIN + "@1.0.20"));
        System.out.println("ClusterIT: plugin tables after 20 upgrades: " + pluginTableSizes());
    }

    // ---- hosts ------------------------------------------------------------------------------------

    private final Map<String, CadreScript> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    /** A host with its own home (data/, logs) and no plugin of its own: what it runs comes from the database. */
    private FaultHost host(String name) throws IOException {
        Path home = Files.createDirectories(WORK.resolve(name));
        Files.createSymbolicLink(home.resolve("lib"), install.resolve("lib"));
        Files.createDirectories(home.resolve("conf"));
        for (String file : List.of("cadre.properties", "logback.xml")) {
            Files.copy(install.resolve("conf").resolve(file), home.resolve("conf").resolve(file));
        }
        int port = LocalFiles.freePort();
        CadreScript script = script(home)
                .env("CADRE_HOME", home.toString())
                .env("CADRE_CLASS_CACHE", "off") // a home of one test: writing its class cache would only lengthen the first stop
                .env("CADRE_DB_URL", postgres.jdbcUrl())
                .env("CADRE_DB_USER", postgres.user())
                .env("CADRE_DB_PASSWORD", "unused")
                .env("CADRE_TASK_QUEUE", QUEUE)
                .env("CADRE_TEMPORAL_TARGET", "127.0.0.1:" + temporalPort)
                .env("CADRE_ADMIN_PORT", String.valueOf(port))
                .env("CADRE_ADMIN_TOKEN", TOKEN)
                .env("JAVA_OPTS", "-Xmx384m");
        scripts.put(name, script);
        ports.put(name, port);
        return start(name, port, script, "run");
    }

    private FaultHost restart(FaultHost host) throws IOException {
        String name = host.label();
        return start(name + "-again", ports.get(name), scripts.get(name), "run");
    }

    private FaultHost start(String label, int port, CadreScript script, String... args) throws IOException {
        FaultHost process = new FaultHost(label, script, script.start(label, args), port, TOKEN);
        RUNNING.add(process.process());
        started.add(process);
        return process;
    }

    private static CadreScript script(Path workingDir) throws IOException {
        return new CadreScript(install.resolve("bin/cadre"), WORK.resolve("logs")).in(Files.createDirectories(workingDir));
    }

    private int port(FaultHost host) {
        return ports.get(host.label().replace("-again", ""));
    }

    // ---- requests ---------------------------------------------------------------------------------

    private HttpResponse<String> send(FaultHost host, String method, String path, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(host) + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", type).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode handlers(FaultHost host) {
        try {
            return host.get("/api/handlers");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode find(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (id.equals(plugin.path("id").asText()) && "STARTED".equals(plugin.path("state").asText())) {
                return plugin;
            }
        }
        throw new AssertionError("no started plugin " + id + " in " + plugins);
    }

    /** @return the session cookie ({@code name=value}) of a console sign-in */
    private String signIn(FaultHost host, String username, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(host) + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, answer.statusCode(), answer.body());
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no cookie: " + answer.headers()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> console(FaultHost host, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(host) + "/workflows")).header("Cookie", cookie)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> startRuns(FaultHost host, String prefix, int count) throws Exception {
        List<String> runs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            runs.add(host.post("/api/workflows", FaultTemplate.startRequest(prefix + "-" + i)).path("workflowId").asText());
        }
        return runs;
    }

    /** @return a one-step template whose SCORE step runs {@link ScoringStepHandler} in a release of that range */
    private static String scoredTemplate(String code, String range) {
        return """
                {"code": "%s", "name": "Scored", "version": 1, "phases": [{"name": "Only", "order": 1, "executionMode": "sequential",
                  "activities": [{"code": "SCORE", "name": "Score", "type": "TASK", "manual": false, "handler": "%s",
                    "handlerVersion": "%s", "executionMode": "sequential", "timeoutSeconds": 60}]}]}""".formatted(code, ScoringStepHandler.NAME, range);
    }

    private static String scoredStart(String code, int i) throws Exception {
        return JSON.writeValueAsString(Map.of("template", code, "businessKey", code + "-" + i, "parameters", Map.of("amount", 10 + i)));
    }

    /** @return per run, the release its SCORE step ran on and the score it gave ({@code scores@1.0.0 score=22}) */
    private Map<String, String> scoreSteps(List<String> runs) throws Exception {
        Map<String, String> steps = new TreeMap<>();
        try (Connection db = postgres.connect(); PreparedStatement query = db.prepareStatement("""
                SELECT i.workflow_id, a.handler_source, a.output ->> 'score' FROM workflow_instances i
                  JOIN workflow_activities a ON a.workflow_instance_id = i.id
                 WHERE i.workflow_id = ANY (?) AND a.activity_code = 'SCORE'""")) {
            query.setArray(1, db.createArrayOf("varchar", runs.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    steps.put(row.getString(1), row.getString(2) + " score=" + row.getString(3));
                }
            }
        }
        return steps;
    }

    // ---- records and figures ----------------------------------------------------------------------

    private RunRecordChecks records() {
        return new RunRecordChecks(postgres);
    }

    private Map<String, Object> runFigures(List<String> runs) throws Exception {
        Map<String, Object> figures = new TreeMap<>();
        try (Connection db = postgres.connect()) {
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM completed_at - started_at)),
                           max(EXTRACT(EPOCH FROM completed_at - started_at))
                      FROM workflow_instances WHERE workflow_id = ANY (?)""")) {
                query.setArray(1, db.createArrayOf("varchar", runs.toArray()));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    figures.put("medianSeconds", Math.round(row.getDouble(1) * 10) / 10.0);
                    figures.put("maxSeconds", Math.round(row.getDouble(2) * 10) / 10.0);
                }
            }
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT count(*) FILTER (WHERE a.last_error LIKE '%HandlerNotFound%' OR a.last_error LIKE 'waiting for a host%'),
                           count(*) FILTER (WHERE a.handler_name = ? AND (a.handler_source IS NULL OR a.handler_source NOT LIKE 'faults@%'))
                      FROM workflow_instances i JOIN workflow_activities a ON a.workflow_instance_id = i.id
                     WHERE i.workflow_id = ANY (?)""")) {
                query.setString(1, PacedStepHandler.NAME);
                query.setArray(2, db.createArrayOf("varchar", runs.toArray()));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    figures.put("stepsWithHandlerNotFound", row.getLong(1));
                    figures.put("pluginStepsWithoutItsRelease", row.getLong(2));
                }
            }
        }
        return figures;
    }

    private String pluginTableSizes() throws Exception {
        try (Connection db = postgres.connect(); PreparedStatement query = db.prepareStatement("""
                SELECT (SELECT count(*) FROM plugin_releases), (SELECT count(*) FROM plugin_jars),
                       pg_size_pretty(pg_total_relation_size('plugin_jars')), pg_size_pretty(pg_total_relation_size('plugin_releases')),
                       (SELECT sum(size_bytes) FROM plugin_jars)"""); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1) + " releases, " + row.getLong(2) + " JARs (" + row.getLong(5) + " bytes of JARs); plugin_jars "
                    + row.getString(3) + ", plugin_releases " + row.getString(4);
        }
    }

    private static String transcript(FaultHost host) {
        try {
            return host.output().transcript();
        } catch (IOException e) {
            return "(output of " + host.label() + " unreadable: " + e + ")";
        }
    }

    private static void awaitUntil(String what, Duration limit, Check check) {
        java.util.concurrent.atomic.AtomicReference<Throwable> last = new java.util.concurrent.atomic.AtomicReference<>();
        Poll.until(limit, Duration.ofMillis(100), () -> {
            try {
                return check.holds();
            } catch (Exception | AssertionError e) {
                last.set(e); // not yet: an answer that does not fit, or a host still starting
                return false;
            }
        }, () -> "not within " + limit + ": " + what + (last.get() == null ? "" : " (last error: " + last.get() + ")"));
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** @return the JAR of {@link PacedStepHandler} as plugin {@value #PLUGIN} at that version */
    private static byte[] plugin(String version) throws IOException {
        return plugin(PLUGIN, version, PacedStepHandler.class, Map.of());
    }

    /** @return the JAR of {@link ScoringStepHandler} as plugin {@value #SCORES} at that version, scoring {@code amount * factor + offset} */
    private static byte[] scoring(String version, int factor, int offset) throws IOException {
        return plugin(SCORES, version, ScoringStepHandler.class,
                Map.of(ScoringStepHandler.FORMULA, "factor=" + factor + "\noffset=" + offset + "\n"));
    }

    /** @return a plugin JAR with one handler class (from the test class path) and these resources */
    private static byte[] plugin(String id, String version, Class<?> handlerClass, Map<String, String> resources) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Provider", "Cadre cluster test");
        main.putValue("Plugin-Requires", ">=1.0.0 <2.0.0");
        String classFile = handlerClass.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream entries = new JarOutputStream(bytes, manifest);
             InputStream handler = handlerClass.getClassLoader().getResourceAsStream(classFile)) {
            if (handler == null) {
                throw new IOException(classFile + " is not on the test class path");
            }
            entries.putNextEntry(new JarEntry(classFile));
            handler.transferTo(entries);
            entries.closeEntry();
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                entries.putNextEntry(new JarEntry(resource.getKey()));
                entries.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                entries.closeEntry();
            }
            entries.putNextEntry(new JarEntry("META-INF/services/dev.cadre.plugin.api.ActivityHandler"));
            entries.write((handlerClass.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        return bytes.toByteArray();
    }
}
