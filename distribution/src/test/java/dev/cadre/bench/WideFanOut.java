package dev.cadre.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.List;

/**
 * One run of a single parallel phase fanning out into N instances of two no-op steps, started over
 * REST and watched on its run record (once a second); then what the run's detail says of its Temporal
 * history, and the host's memory.
 */
final class WideFanOut {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    /** Lists longer than this start from a parameter file; shorter ones inline, as the 10,000-instance figures always did. */
    private static final int INLINE_MAX = 10_000;

    private final Deployment deployment;
    private final RunTimes times;
    private final WorkflowClient client;
    private final PrintStream out;

    /**
     * @param deployment the host and its servers
     * @param times      the run records
     * @param client     the benchmark's Temporal client: counts the history itself when the host cannot say
     * @param out        where the results go
     */
    WideFanOut(Deployment deployment, RunTimes times, WorkflowClient client, PrintStream out) {
        this.deployment = deployment;
        this.times = times;
        this.client = client;
        this.out = out;
    }

    /** @return the fan-out run's workflow id */
    String run(int instances, int maxParallelism, Duration timeout) throws Exception {
        HostClient api = deployment.api();
        String maxInstancesNote;
        try {
            api.post("/api/templates?publish=true", BenchTemplates.wide(maxParallelism, instances));
            maxInstancesNote = "maxInstances " + instances;
        } catch (HostClient.UnexpectedAnswer e) {
            if (e.status != 400 || !e.body.contains("maxInstances")) {
                throw e;
            }
            api.post("/api/templates?publish=true", BenchTemplates.wide(maxParallelism, null));
            maxInstancesNote = "maxInstances not accepted by this host's template validator: left out";
        }
        out.printf("%nwide fan-out: %d instances x 2 no-op steps, maxParallelism %d, %s; waiting up to %d s%n", instances, maxParallelism,
                maxInstancesNote, timeout.toSeconds());
        rss("before");
        long begin = System.nanoTime();
        Map<String, Object> parameters = BenchTemplates.wideParameters(instances);
        if (instances > INLINE_MAX) {
            // as a user starts a list this long: uploaded as a parameter file, named in the start
            long uploading = System.nanoTime();
            String file = api.uploadParameterFile((List<?>) parameters.get("items"));
            out.printf("  %d items uploaded as parameter file %s in %.1f s%n", instances, file, (System.nanoTime() - uploading) / 1e9);
            parameters = Map.of("items", Map.of("$file", file));
        }
        String workflowId = api.startWorkflow(BenchTemplates.WIDE, "wide-" + instances, parameters);
        out.printf("  started %s%n", workflowId);
        long deadline = begin + timeout.toNanos();
        long nextProgress = begin + PROGRESS_EVERY.toNanos();
        RunTimes.Run run = times.run(workflowId);
        while (!ended(run) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            run = times.run(workflowId);
            if (System.nanoTime() >= nextProgress) {
                out.printf("  %4.0f s: %s, %d of %d steps completed%n", (System.nanoTime() - begin) / 1e9, run.status(), run.stepsEnded(),
                        2L * instances);
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            if (!deployment.host().isAlive()) {
                out.printf("  the host exited %d%n", deployment.host().exitValue());
                break;
            }
        }
        boolean ended = ended(run);
        out.printf("  %s: status %s, %d of %d steps completed, elapsed %.1f s (run record start -> %s)%n",
                ended ? "ended" : "NOT ENDED within the timeout", run.status(), run.stepsEnded(), 2L * instances, run.elapsedMs() / 1000,
                ended ? "end" : "now");
        rss("after");
        out.printf("  RSS peak (VmHWM) of the host JVM since it started: %s%n", Launcher.jvmPid(deployment.host()).flatMap(Launcher::peakRssMiB)
                .map(mib -> String.format("%.0f MiB", mib)).orElse("unknown"));
        out.printf("  history (GET /api/workflows/{id}): %s%n", history(workflowId));
        out.printf("  largest payload in the run's and its batches' histories: %s%n", new HistoryPayloads(client).largest(workflowId));
        rss("after reading the run's detail");
        out.printf("  %s%n", HostBenchmark.load());
        return workflowId;
    }

    private static boolean ended(RunTimes.Run run) {
        return !run.status().equals("RUNNING") && !run.status().equals("MISSING");
    }

    private String history(String workflowId) {
        try {
            JsonNode detail = deployment.api().get("/api/workflows/" + workflowId, Duration.ofMinutes(5));
            return detail.path("history").toString();
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            String counted;
            try {
                counted = client.fetchHistory(workflowId).getEvents().size() + " events in its execution, counted by the benchmark's Temporal client";
            } catch (RuntimeException notCounted) {
                counted = "not counted by the benchmark's Temporal client either: " + notCounted;
            }
            return "not read (" + (message.length() > 300 ? message.substring(0, 300) + "..." : message) + "); " + counted;
        }
    }

    private void rss(String when) {
        out.printf("  RSS %s: host JVM %s (Temporal server included)%n", when, rss(deployment.host()));
    }

    private static String rss(Process process) {
        Optional<Long> pid = Launcher.jvmPid(process);
        return pid.flatMap(Launcher::rssMiB).map(mib -> String.format("%.0f MiB (pid %d)", mib, pid.get())).orElse("unknown");
    }
}
