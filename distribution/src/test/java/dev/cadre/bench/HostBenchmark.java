package dev.cadre.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.distribution.Poll;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * What a user sees: a real host ({@code bin/cadre run} from the unpacked zip) on an external PostgreSQL
 * and its embedded Temporal server, driven over its REST API, against two hand-written static Temporal
 * workflows of the same shape run by this process on the same Temporal server and database:
 * <ul>
 *   <li>{@code lean}, the baseline the headline ratios are against: what a user writes without Cadre,
 *       two plain statements per step on its own status table ({@link LeanSteps});</li>
 *   <li>{@code static}, the same workflow writing Cadre's own run records ({@link StaticSteps}), which
 *       tells the engine's scheduling apart from its bookkeeping.</li>
 * </ul>
 * A no-op plugin is installed over REST, and the all-automated test cycle (77 step executions) is imported.
 *
 * <p>Measured, the three interleaved: lone-cycle latency (one cycle at a time, its end awaited on the
 * Temporal result; latency = the run record's own start to end), then throughput with C cycles at once;
 * then a wide fan-out (N instances of two steps) with its history counts and the host's RSS. Reads
 * ({@link ReadLoad}): the run list, a run's detail and the task list under load, once with the host idle
 * after the lone cycles and once after the fan-out (then with the fan-out's detail too). Before all of
 * that, cold starts ({@link ColdStarts}): a host of its own on the embedded defaults, on a new data
 * directory and on an existing one.
 *
 * <p>Run: {@code bench/run [args]} (builds the distribution, then runs this class on its {@code lib/});
 * see {@link BenchArgs#USAGE}. Not a test: nothing runs it during {@code mvn verify}.
 */
public final class HostBenchmark {

    private static final PrintStream OUT = System.out;

    private HostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        BenchArgs options;
        try {
            options = BenchArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path work = Files.createTempDirectory("cadre-host-bench-");
        OUT.printf("Cadre host benchmark, %s, %s%n  distribution %s%n  args %s%n  work directory %s (logs in logs/)%n  %s%n", LocalDate.now(),
                machine(), options.dist(), options, work, load());
        Deployment deployment = new Deployment(options.dist(), work, options.javaOpts());
        ColdStarts coldStarts = new ColdStarts(options.dist(), work, options.javaOpts(), options.keep(), OUT);
        Thread cleanup = new Thread(() -> {
            coldStarts.close();
            closeQuietly(deployment);
        }, "host-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean failed = true;
        try {
            if (options.coldStarts() > 0) {
                coldStarts.run(options.coldStarts());
            }
            run(options, deployment);
            failed = false;
        } finally {
            coldStarts.close();
            closeQuietly(deployment);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            if (!options.keep() && !failed) {
                for (String dir : List.of("pg", "host/data")) {
                    deleteRecursively(work.resolve(dir));
                }
            }
        }
    }

    private static void run(BenchArgs options, Deployment deployment) throws Exception {
        OUT.println();
        long began = System.nanoTime();
        deployment.start();
        HostClient api = deployment.api();
        OUT.printf("host healthy after %.1f s (PostgreSQL and the host with its embedded Temporal started)%n", (System.nanoTime() - began) / 1e9);
        JsonNode plugin = api.installPlugin(NoOpPlugin.jar());
        OUT.printf("plugin %s@%s installed over REST: %s%n", plugin.path("id").asText(), plugin.path("version").asText(), plugin.path("state").asText());
        awaitHandler(api, NoOpStepHandler.NAME);
        String cycleDocument = BenchTemplates.cycle(options.dist().resolve("templates/test-cycle.json"));
        int version = api.post("/api/templates?publish=true", cycleDocument).path("version").asInt();
        OUT.printf("template %s v%d imported: phases and steps %s%n", BenchTemplates.CYCLE, version, BenchTemplates.codes(cycleDocument));

        try (StaticWorker worker = StaticWorker.start(deployment.clientEnvironment(), deployment.hostHome(), BenchTemplates.CYCLE, version)) {
            RunTimes times = RunTimes.cadre(worker.dataSource());
            OUT.printf("static workflow workers on task queues %s (lean baseline) and %s (Cadre's records); sticky workflow cache %s,"
                    + " as the host's%n", StaticWorker.LEAN_QUEUE, StaticWorker.QUEUE, worker.sticky() ? "on" : "off");
            List<CycleBench> kinds = List.of(new CycleBench(Cycles.engine(api, worker.client()), times),
                    new CycleBench(Cycles.staticWorkflow("lean", worker.client(), StaticWorker.LEAN_QUEUE), RunTimes.lean(worker.dataSource())),
                    new CycleBench(Cycles.staticWorkflow("static", worker.client(), StaticWorker.QUEUE), times));
            lone(options, kinds);
            OUT.printf("  %s%n", load());
            ReadLoad reads = new ReadLoad(api, deployment.cpu(), OUT);
            Duration readsEach = Duration.ofSeconds(options.reads());
            String cycleId = kinds.get(0).lastLoneWorkflowId();
            if (options.reads() > 0) {
                reads.run("host idle after the lone cycles", readEndpoints(cycleId), readsEach);
            }
            throughput(options, kinds, deployment.cpu());
            OUT.printf("  %s%n", load());
            if (options.fanout() > 0) {
                String fanOutId = new WideFanOut(deployment, times, worker.client(), OUT).run(options.fanout(), options.fanoutParallelism(),
                        Duration.ofSeconds(options.fanoutTimeoutS()));
                if (options.reads() > 0) {
                    List<ReadLoad.Endpoint> endpoints = new ArrayList<>(readEndpoints(cycleId));
                    endpoints.add(new ReadLoad.Endpoint("detail fan-out", "/api/workflows/" + fanOutId));
                    reads.run("after the wide fan-out of " + options.fanout(), endpoints, readsEach);
                }
            }
        }
    }

    /** Warm-up, then lone cycles, alternating engine and static. */
    private static void lone(BenchArgs options, List<CycleBench> kinds) throws Exception {
        long began = System.nanoTime();
        for (int i = 0; i < options.warmup(); i++) {
            for (CycleBench kind : kinds) {
                kind.lone("warmup");
            }
        }
        OUT.printf("%nwarm-up: %d lone cycles of each in %.1f s%n", options.warmup(), (System.nanoTime() - began) / 1e9);
        List<List<double[]>> samples = kinds.stream().map(k -> (List<double[]>) new ArrayList<double[]>()).toList();
        for (int i = 0; i < options.lone(); i++) {
            for (int k = 0; k < kinds.size(); k++) {
                samples.get(k).add(kinds.get(k).lone("lone"));
            }
        }
        OUT.printf("lone cycle latency, %d cycles of each, interleaved (ms; run record start -> end; 'seen' = REST/client start -> result):%n",
                options.lone());
        List<CycleBench.Lone> results = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            CycleBench.Lone lone = CycleBench.collect(samples.get(k));
            results.add(lone);
            OUT.printf("  %-7s median %7.1f  best %7.1f  p90 %7.1f   seen: median %7.1f  best %7.1f%n", kinds.get(k).name(), lone.median(),
                    lone.best(), CycleBench.percentile(lone.recordMs(), 90), CycleBench.median(lone.seenMs()),
                    java.util.Arrays.stream(lone.seenMs()).min().orElse(Double.NaN));
        }
        for (int k = 1; k < kinds.size(); k++) {
            OUT.printf("  ratio engine/%s: median %.2f, best %.2f%s%n", kinds.get(k).name(), results.get(0).median() / results.get(k).median(),
                    results.get(0).best() / results.get(k).best(), k == 1 ? "   <- the headline (target <= 1.25, goal 1.10)" : "");
        }
    }

    /** Rounds of C cycles at once, engine then static in each. */
    private static void throughput(BenchArgs options, List<CycleBench> kinds, CpuMeter cpu) throws Exception {
        OUT.printf("%nthroughput, %d cycles, %d at once (cycles/s; first record start -> last record end; 'seen' = first start request -> last result):%n",
                options.cycles(), options.concurrency());
        double[] best = new double[kinds.size()];
        double[][] roundRatios = new double[kinds.size()][options.rounds()];
        for (int round = 1; round <= options.rounds(); round++) {
            double[] rates = new double[kinds.size()];
            for (int k = 0; k < kinds.size(); k++) {
                CpuMeter.Sample before = cpu.sample();
                CycleBench.Throughput result = kinds.get(k).throughput("load" + round, options.cycles(), options.concurrency());
                CpuMeter.Sample used = cpu.sample().minus(before);
                rates[k] = result.perSecond();
                best[k] = Math.max(best[k], rates[k]);
                double steps = (double) options.cycles() * BenchTemplates.STEPS_PER_CYCLE;
                OUT.printf("  round %d  %-7s %6.2f cycles/s (%7.1f steps/s)   seen %6.2f cycles/s   CPU per step: host %.2f ms,"
                                + " PostgreSQL %.2f ms, benchmark %.2f ms%n", round, kinds.get(k).name(), rates[k],
                        rates[k] * BenchTemplates.STEPS_PER_CYCLE, result.perSecondSeen(), used.hostS() * 1000 / steps,
                        used.postgresS() * 1000 / steps, used.benchS() * 1000 / steps);
            }
            for (int k = 1; k < kinds.size(); k++) {
                roundRatios[k][round - 1] = rates[0] / rates[k];
                OUT.printf("  round %d  ratio engine/%s %.2f%n", round, kinds.get(k).name(), rates[0] / rates[k]);
            }
        }
        for (int k = 1; k < kinds.size(); k++) {
            // best against best picks each kind's luckiest round; the median of the rounds' own ratios compares
            // runs that shared the machine's state of the moment
            OUT.printf("  best rounds: engine %.2f, %s %.2f cycles/s, ratio engine/%s %.2f%s; median of the rounds' ratios %.2f%n", best[0],
                    kinds.get(k).name(), best[k], kinds.get(k).name(), best[0] / best[k],
                    k == 1 ? "   <- the headline (target >= 0.90, goal 1.0)" : "", CycleBench.median(roundRatios[k]));
        }
    }

    /** @return the run list first (the details are compared with it), a finished test cycle's detail, the task list */
    private static List<ReadLoad.Endpoint> readEndpoints(String cycleId) {
        return List.of(new ReadLoad.Endpoint("list", "/api/workflows"), new ReadLoad.Endpoint("detail cycle", "/api/workflows/" + cycleId),
                new ReadLoad.Endpoint("tasks", "/api/tasks"));
    }

    private static void awaitHandler(HostClient api, String name) throws Exception {
        Poll.until(Duration.ofMinutes(1), Duration.ofMillis(250), () -> api.get("/api/handlers", Duration.ofSeconds(10)).has(name),
                () -> "GET /api/handlers does not list " + name + " a minute after the plugin was installed");
    }

    private static String machine() {
        String cpu = "";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException e) {
            // not Linux: cores only
        }
        return String.format("%d cores%s%s, Java %s", Runtime.getRuntime().availableProcessors(), cpu.isEmpty() ? "" : " (" + cpu + ")",
                memKb == 0 ? "" : String.format(", %.0f GiB RAM", memKb / 1048576.0), System.getProperty("java.version"));
    }

    /** @return the machine's load averages: other work on it skews every figure */
    static String load() {
        try {
            String[] averages = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average (1, 5, 15 min): " + averages[0] + " " + averages[1] + " " + averages[2];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static void closeQuietly(Deployment deployment) {
        try {
            deployment.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop everything the benchmark started: " + e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
