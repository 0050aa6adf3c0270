package dev.cadre.bench;

import dev.cadre.distribution.Poll;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cold start as a new user meets it: {@code bin/cadre run} on the embedded defaults (no database URL: its own
 * PostgreSQL in the data directory, the in-process Temporal server on any free port), timed from the process's
 * start to the first 200 from {@code /api/health}; first on a new data directory, then, after a clean stop, on
 * the same one. With each, the host's own start line, which breaks its part of the time down. The first start of
 * the installation writes {@code bin/cadre}'s class archive (as it stops); later ones, new data directory or not,
 * start from it.
 */
final class ColdStarts implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(3);
    /** How long a stop by SIGTERM is given before SIGKILL. */
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final String STARTED = "Cadre host started in ";

    private final Path install;
    private final Path work;
    private final String javaOpts;
    private final boolean keep;
    private final PrintStream out;
    private final Launcher launcher;
    /** The data directory of the host running now: its PostgreSQL is stopped too if the host had to be killed. */
    private volatile Path running;

    /**
     * @param install  the unpacked distribution
     * @param work     the benchmark's work directory: the installation's home {@code cold/} with a data directory per start pair, logs go to {@code logs/}
     * @param javaOpts JAVA_OPTS of the host, or blank
     * @param keep     keep each home's data directory; otherwise only its log file is kept, in {@code logs/}
     * @param out      where the results go
     */
    ColdStarts(Path install, Path work, String javaOpts, boolean keep, PrintStream out) {
        this.install = install;
        this.work = work;
        this.javaOpts = javaOpts;
        this.keep = keep;
        this.out = out;
        this.launcher = new Launcher(install, work.resolve("logs"));
    }

    /**
     * Starts and stops a host {@code times} times on a new data directory, each time followed by a start on that
     * directory again, all in one installation: its first start has no class archive yet (it writes one as it
     * stops), so it is reported on its own.
     */
    void run(int times) throws Exception {
        out.printf("%ncold start, %d times: bin/cadre run on the embedded defaults (PostgreSQL in the data directory, in-process Temporal),"
                + " process start -> first 200 from /api/health; on a new data directory, then on the same one again; one installation:%n", times);
        Path home = Deployment.home(install, work.resolve("cold"));
        double[] fresh = new double[times];
        double[] existing = new double[times];
        for (int i = 0; i < times; i++) {
            Path data = home.resolve("data-" + (i + 1));
            fresh[i] = startAndStop("cold-" + (i + 1) + "-new", home, data);
            existing[i] = startAndStop("cold-" + (i + 1) + "-existing", home, data);
            if (!keep) {
                HostBenchmark.deleteRecursively(data);
            }
        }
        if (!keep) {
            // logback writes to $CADRE_HOME/data/logs: keep the log beside the others, drop the rest
            Path log = logFile(home);
            if (Files.isRegularFile(log)) {
                Files.copy(log, work.resolve("logs").resolve("cold.cadre.log"));
            }
            HostBenchmark.deleteRecursively(home);
        }
        out.printf("  median: new data directory %s, existing %.1f s   <- targets < 8 s and < 4 s; the installation's first start %.1f s%n",
                times > 1 ? String.format("%.1f s", CycleBench.median(Arrays.copyOfRange(fresh, 1, times))) : "(needs 2 starts)",
                CycleBench.median(existing), fresh[0]);
        out.printf("  %s%n", HostBenchmark.load());
    }

    /** @return seconds from the process's start to the first healthy answer */
    private double startAndStop(String label, Path home, Path data) throws Exception {
        Path log = logFile(home);
        long logOffset = Files.isRegularFile(log) ? Files.size(log) : 0;
        int port = Deployment.freePort();
        String token = UUID.randomUUID().toString();
        Map<String, String> environment = new LinkedHashMap<>();
        if (!javaOpts.isBlank()) {
            environment.put("JAVA_OPTS", javaOpts);
        }
        environment.put("CADRE_HOME", home.toString());
        environment.put("CADRE_DATA_DIR", data.toString());
        environment.put("CADRE_ADMIN_PORT", String.valueOf(port));
        environment.put("CADRE_ADMIN_TOKEN", token);
        HostClient api = new HostClient(port, token);
        running = data;
        long begin = System.nanoTime();
        Process host = launcher.start(label, home, environment, "run");
        Poll.until(START, Duration.ofMillis(50), () -> {
            if (!host.isAlive()) {
                throw new IllegalStateException(label + ": the host exited " + host.exitValue() + "\n" + launcher.output(label));
            }
            return api.healthy();
        }, () -> label + ": the host did not answer /api/health within " + START + "\n" + launcher.output(label));
        double seconds = (System.nanoTime() - begin) / 1e9;
        String startLine = startLine(log, logOffset);
        long stopping = System.nanoTime();
        boolean polite = launcher.stop(host, STOP);
        Optional<Long> orphan = stopOrphanedPostgres(data);
        running = null;
        out.printf("  %-18s healthy after %5.1f s; stopped in %.1f s%s%n    host: %s%n", label, seconds, (System.nanoTime() - stopping) / 1e9,
                polite ? "" : " (KILLED after " + STOP.toSeconds() + " s" + orphan.map(pid -> "; its PostgreSQL, pid " + pid + ", stopped too")
                        .orElse("") + ")", startLine);
        return seconds;
    }

    /** @return the host's own start line written since {@code offset}, from {@code Cadre host started in} on, without its home */
    private static String startLine(Path log, long offset) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            if (Files.isRegularFile(log)) {
                byte[] bytes = Files.readAllBytes(log);
                String written = new String(Arrays.copyOfRange(bytes, (int) Math.min(offset, bytes.length), bytes.length), StandardCharsets.UTF_8);
                int at = written.indexOf(STARTED);
                if (at >= 0) {
                    int end = written.indexOf('\n', at);
                    return written.substring(at, end < 0 ? written.length() : end).replaceFirst(" \\(home [^)]*\\)", "");
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return "(no '" + STARTED.trim() + "' line in " + log + ")";
    }

    /**
     * A host killed with SIGKILL leaves its embedded PostgreSQL running (zonky starts it detached): stops the
     * {@code postgres} that the cluster's {@code postmaster.pid} names.
     *
     * @return its pid, when there was one
     */
    private static Optional<Long> stopOrphanedPostgres(Path data) throws IOException, InterruptedException {
        Path pidFile = data.resolve("pg/postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().matches("[0-9]+")) {
            return Optional.empty();
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle process = postmaster.get();
        process.destroy();
        try {
            process.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        }
        return Optional.of(process.pid());
    }

    private static Path logFile(Path home) {
        return home.resolve("data/logs/cadre.log");
    }

    /** Ends the host running now, if any (by pid), and its PostgreSQL if it outlived it. */
    @Override
    public void close() {
        launcher.close();
        Path data = running;
        if (data != null) {
            try {
                stopOrphanedPostgres(data);
            } catch (IOException e) {
                System.err.println("could not check " + data + " for a PostgreSQL left running: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
