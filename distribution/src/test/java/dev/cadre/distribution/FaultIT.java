package dev.cadre.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.distribution.faults.ExternalPostgres;
import dev.cadre.distribution.faults.FaultPlugin;
import dev.cadre.distribution.faults.FaultTemplate;
import dev.cadre.distribution.faults.PacedStepHandler;
import dev.cadre.distribution.faults.RunRecordChecks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, at process level: the unpacked zip's {@code bin/cadre} hosts keep every run going through
 * the faults a deployment meets. A host killed (SIGKILL) mid-run: its steps run again on the other host
 * sharing {@code temporal-dev} and PostgreSQL. PostgreSQL stopped for 5 s, then for 60 s, under load:
 * runs wait and go on, and {@code GET /api/health} says the database is down without waiting for it.
 * Each test ends every process it started, by pid, and the PostgreSQL it ran.
 */
class FaultIT {

    private static final String TOKEN = "fault-it-token-of-at-least-32-characters";
    private static final String QUEUE = "faults";
    private static final Duration START = Duration.ofSeconds(120);
    /** A bounded health answer: the check gives up after ~1.5 s; what is left is HTTP and a busy machine. */
    private static final Duration HEALTH_LIMIT = Duration.ofSeconds(4);

    private static final String VERSION_NAME = System.getProperty("cadre.dist.name");
    private static final Path ZIP = Path.of(System.getProperty("cadre.dist.zip"));
    // not DistributionIT's work directory: it deletes that one when it starts
    private static final Path WORK = Path.of(System.getProperty("cadre.work.dir")).toAbsolutePath().resolveSibling("fault-it work");

    private static Path install;
    /** Processes still running, force-ended should the test JVM itself be stopped before the tests end them. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private final List<FaultHost> started = new ArrayList<>();
    private ExternalPostgres postgres;

    @BeforeAll
    static void unzip() throws IOException {
        LocalFiles.deleteRecursively(WORK);
        Zips.unzip(ZIP, WORK.resolve("unpacked"));
        install = WORK.resolve("unpacked").resolve(VERSION_NAME);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }), "fault-it-cleanup"));
    }

    @AfterEach
    void stopEverythingStarted() throws Exception {
        List<Throwable> problems = new ArrayList<>();
        List<FaultHost> newestFirst = new ArrayList<>(started);
        Collections.reverse(newestFirst); // hosts before the servers they use
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
    void everyCycleCompletesWhenOneOfTwoHostsIsKilledMidRun() throws Exception {
        postgres = ExternalPostgres.start(WORK.resolve("pg-two-hosts"));
        int temporalPort = LocalFiles.freePort();
        FaultHost temporal = start("temporal-dev", 0, script(WORK.resolve("temporal-dev")), "temporal-dev", "--port", String.valueOf(temporalPort));
        temporal.awaitOutput("listening on", START);
        Map<String, String> sharedTemporal = Map.of("CADRE_TEMPORAL_TARGET", "127.0.0.1:" + temporalPort);
        FaultHost survivor = host("host-a", sharedTemporal);
        FaultHost victim = host("host-b", sharedTemporal);
        for (FaultHost host : List.of(survivor, victim)) {
            host.awaitHealthy(START);
            host.awaitHandler(PacedStepHandler.NAME, START);
        }
        survivor.post("/api/templates?publish=true", FaultTemplate.json());

        List<String> runs = startRuns(survivor, "kill", 20);
        long inFlightBeforeKill = awaitHandlersMidRun(victim, Duration.ofSeconds(90));
        Instant killed = Instant.now();
        victim.kill();
        long inFlightAtKill = handlersInFlight(victim); // final: the process is gone
        System.out.printf("FaultIT: SIGKILLed %s (pid %d) with %d paced handlers running (%d just before)%n", victim.label(),
                victim.process().pid(), inFlightAtKill, inFlightBeforeKill);
        assertTrue(inFlightAtKill > 0, "the host was killed while it ran steps\n" + victim.output().transcript());

        Instant lastDone = records().awaitCompleted(runs, Duration.ofMinutes(3), transcript(survivor));
        System.out.printf("FaultIT: kill -> last of %d cycles completed: %.1f s%n", runs.size(),
                Duration.between(killed, lastDone).toMillis() / 1000.0);
        records().assertRunRecords(runs);
        Map<Long, Integer> byHost = records().pacedStepsByHost(runs);
        System.out.println("FaultIT: paced steps completed per host pid: " + byHost);
        assertTrue(byHost.containsKey(survivor.process().pid()) && byHost.containsKey(victim.process().pid()),
                "both hosts completed steps: " + byHost);
    }

    @Test
    void runsWaitOutPostgresOutagesOf5And60SecondsAndHealthSaysTheDatabaseIsDown() throws Exception {
        postgres = ExternalPostgres.start(WORK.resolve("pg-outage"));
        FaultHost host = host("host-outage", Map.of()); // embedded Temporal: only PostgreSQL goes away
        host.awaitHealthy(START);
        host.awaitHandler(PacedStepHandler.NAME, START);
        host.post("/api/templates?publish=true", FaultTemplate.json());

        List<String> runs = new ArrayList<>();
        for (Duration outage : List.of(Duration.ofSeconds(5), Duration.ofSeconds(60))) {
            List<String> batch = startRuns(host, "outage-" + outage.toSeconds() + "s", 10);
            runs.addAll(batch);
            records().awaitStepsRunning(batch, Duration.ofSeconds(60));

            postgres.stop();
            Instant down = Instant.now();
            int checks = 0;
            Duration slowest = Duration.ZERO;
            do {
                Duration took = assertHealthSaysDatabaseDown(host);
                slowest = took.compareTo(slowest) > 0 ? took : slowest;
                checks++;
                Thread.sleep(Math.min(2000, Math.max(0, outage.toMillis() - Duration.between(down, Instant.now()).toMillis())));
            } while (Duration.between(down, Instant.now()).compareTo(outage) < 0);
            postgres.startAgain();
            Instant up = Instant.now();
            System.out.printf("FaultIT: PostgreSQL down for %.1f s; %d health checks said so, the slowest in %d ms%n",
                    Duration.between(down, up).toMillis() / 1000.0, checks, slowest.toMillis());

            Instant lastDone = records().awaitCompleted(batch, Duration.ofMinutes(2), transcript(host));
            System.out.printf("FaultIT: %d s outage: PostgreSQL back -> last of %d cycles completed: %.1f s%n", outage.toSeconds(),
                    batch.size(), Duration.between(up, lastDone).toMillis() / 1000.0);
            assertEquals(200, host.health(HEALTH_LIMIT).statusCode(), "healthy again once PostgreSQL is back");
        }
        records().assertRunRecords(runs);
    }

    /** @return how long the answer took */
    private static Duration assertHealthSaysDatabaseDown(FaultHost host) throws Exception {
        long begin = System.nanoTime();
        HttpResponse<String> health = host.health(Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertTrue(took.compareTo(HEALTH_LIMIT) < 0, "GET /api/health answered in " + took.toMillis() + " ms while PostgreSQL was down");
        assertEquals(503, health.statusCode(), health.body());
        JsonNode body = new ObjectMapper().readTree(health.body());
        assertEquals("DOWN", body.path("db").asText(), health.body());
        assertEquals("UP", body.path("temporal").asText(), health.body());
        return took;
    }

    /** Waits until the host has ended a few paced steps and is running some: the moment to kill it. */
    private static long awaitHandlersMidRun(FaultHost host, Duration limit) throws Exception {
        java.util.concurrent.atomic.AtomicLong running = new java.util.concurrent.atomic.AtomicLong();
        Poll.until(limit, Duration.ofMillis(50), () -> {
            String log = host.output().stderr();
            running.set(occurrences(log, PacedStepHandler.BEGINS) - occurrences(log, PacedStepHandler.ENDS));
            return occurrences(log, PacedStepHandler.ENDS) >= 3 && running.get() >= 2;
        }, () -> host.label() + " was never seen running paced steps within " + limit + "\n" + host.output().transcript());
        return running.get();
    }

    /** @return paced handlers that began and have not ended, by the host's log */
    private static long handlersInFlight(FaultHost host) throws IOException {
        String log = host.output().stderr();
        return occurrences(log, PacedStepHandler.BEGINS) - occurrences(log, PacedStepHandler.ENDS);
    }

    private RunRecordChecks records() {
        return new RunRecordChecks(postgres);
    }

    /** @return the host's output so far, for a failure message */
    private static Supplier<String> transcript(FaultHost host) {
        return () -> {
            try {
                return host.output().transcript();
            } catch (IOException e) {
                return "(output of " + host.label() + " unreadable: " + e + ")";
            }
        };
    }

    private static List<String> startRuns(FaultHost host, String prefix, int count) throws Exception {
        List<String> runs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            runs.add(host.post("/api/workflows", FaultTemplate.startRequest(prefix + "-" + i)).path("workflowId").asText());
        }
        return runs;
    }

    /** A host with its own home (its own plugins/ with the fault plugin, data/, logs), on the shared PostgreSQL. */
    private FaultHost host(String name, Map<String, String> environment) throws IOException {
        Path home = Files.createDirectories(WORK.resolve(name));
        Files.createSymbolicLink(home.resolve("lib"), install.resolve("lib"));
        Files.createDirectories(home.resolve("conf"));
        for (String file : List.of("cadre.properties", "logback.xml")) {
            Files.copy(install.resolve("conf").resolve(file), home.resolve("conf").resolve(file));
        }
        FaultPlugin.writeTo(home.resolve("plugins"));
        int port = LocalFiles.freePort();
        CadreScript script = script(home)
                .env("CADRE_HOME", home.toString())
                .env("CADRE_CLASS_CACHE", "off") // a home of one test: writing its class cache would only lengthen the first stop
                .env("CADRE_DB_URL", postgres.jdbcUrl())
                .env("CADRE_DB_USER", postgres.user())
                .env("CADRE_DB_PASSWORD", "unused")
                .env("CADRE_TASK_QUEUE", QUEUE)
                .env("CADRE_ADMIN_PORT", String.valueOf(port))
                .env("CADRE_ADMIN_TOKEN", TOKEN)
                .env("JAVA_OPTS", "-Xmx512m");
        environment.forEach(script::env);
        return start(name, port, script, "run", "--verbose"); // the handlers' INFO lines tell what runs
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

    private static long occurrences(String text, String part) {
        long count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

}
