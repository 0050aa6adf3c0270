package dev.cadre.bench;

import dev.cadre.distribution.Poll;
import dev.cadre.distribution.faults.ExternalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What a user deploys on one machine, from the unpacked zip: an external PostgreSQL (zonky, real
 * binaries) and one host, {@code bin/cadre run}, on the embedded defaults for Temporal: the in-process
 * server, here on a known loopback port so that the benchmark's static workflow runs against the
 * same server. The host has its own home and data directory.
 */
final class Deployment implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(3);

    private final Path install;
    private final Path work;
    private final String javaOpts;
    private final Launcher launcher;
    private ExternalPostgres postgres;
    private int temporalPort;
    private Process host;
    private HostClient api;
    private Path hostHome;
    private volatile boolean closed;

    /**
     * @param install  the unpacked distribution
     * @param work     a fresh directory for PostgreSQL's cluster, the homes and every log
     * @param javaOpts JAVA_OPTS of the host, or blank
     */
    Deployment(Path install, Path work, String javaOpts) {
        this.install = install;
        this.work = work;
        this.javaOpts = javaOpts;
        this.launcher = new Launcher(install, work.resolve("logs"));
    }

    /** Starts PostgreSQL and the host, and waits for the host's health. */
    void start() throws Exception {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        postgres = ExternalPostgres.start(work.resolve("pg"));
        Map<String, String> common = new LinkedHashMap<>();
        if (!javaOpts.isBlank()) {
            common.put("JAVA_OPTS", javaOpts);
        }

        temporalPort = freePort();
        hostHome = home(install, work.resolve("host"));
        int adminPort = freePort();
        String token = UUID.randomUUID().toString();
        Map<String, String> hostEnv = new LinkedHashMap<>(common);
        hostEnv.putAll(hostEnvironment());
        hostEnv.put("CADRE_ADMIN_PORT", String.valueOf(adminPort));
        hostEnv.put("CADRE_ADMIN_TOKEN", token);
        // a home of its own: a first run would write the class cache; measured as a host without it (ColdStarts measures it)
        hostEnv.put("CADRE_CLASS_CACHE", "off");
        host = launcher.start("host", hostHome, hostEnv, "run");
        api = new HostClient(adminPort, token);
        awaitHealthy();
    }

    HostClient api() {
        return api;
    }

    Process host() {
        return host;
    }

    /** @return CPU time of the host's JVM, PostgreSQL and this process, for deltas over a round */
    CpuMeter cpu() {
        return new CpuMeter(host, work.resolve("pg").resolve("data"));
    }

    Path hostHome() {
        return hostHome;
    }

    /** @return the host's settings: the external database, the embedded Temporal server on a known port */
    Map<String, String> hostEnvironment() {
        return Map.of("CADRE_HOME", hostHome.toString(), "CADRE_DATA_DIR", hostHome.resolve("data").toString(),
                "CADRE_DB_URL", postgres.jdbcUrl(), "CADRE_DB_USER", postgres.user(), "CADRE_DB_PASSWORD", "unused",
                "CADRE_TEMPORAL_EMBEDDED_PORT", String.valueOf(temporalPort));
    }

    /** @return the same settings for the benchmark's own connections: the host's database and its Temporal server */
    Map<String, String> clientEnvironment() {
        Map<String, String> settings = new LinkedHashMap<>(hostEnvironment());
        settings.put("CADRE_TEMPORAL_TARGET", "127.0.0.1:" + temporalPort);
        return settings;
    }

    /** @return what a process wrote, for a failure message */
    String output(String label) throws IOException {
        return launcher.output(label);
    }

    /** Ends every process it started (by pid, newest first), then PostgreSQL; safe to call twice. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        launcher.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A home of its own (as FaultIT gives each host): lib/ linked, conf/ and the bundled plugins/ copied; data/ and logs stay in it. */
    static Path home(Path install, Path home) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.createSymbolicLink(home.resolve("lib"), install.resolve("lib"));
        for (String file : List.of("cadre.properties", "logback.xml")) {
            Files.copy(install.resolve("conf").resolve(file), home.resolve("conf").resolve(file));
        }
        Files.createDirectories(home.resolve("plugins"));
        try (Stream<Path> bundled = Files.list(install.resolve("plugins"))) {
            for (Path jar : bundled.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
            }
        }
        return home;
    }

    private void awaitHealthy() throws Exception {
        Poll.until(START, Duration.ofMillis(250), () -> {
            if (!host.isAlive()) {
                throw new IllegalStateException("the host exited " + host.exitValue() + "\n" + launcher.output("host"));
            }
            return api.healthy();
        }, () -> "the host did not become healthy within " + START + "\n" + launcher.output("host"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
