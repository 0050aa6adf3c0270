package dev.cadre.bench;

import com.uber.m3.tally.NoopScope;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.engine.EmbeddedTemporalServer;
import dev.cadre.platform.engine.EngineActivities;
import dev.cadre.platform.engine.EngineRecordsImpl;
import dev.cadre.platform.engine.EngineWorker;
import dev.cadre.platform.engine.ExecutionEvents;
import dev.cadre.platform.engine.HandlerActivity;
import dev.cadre.platform.engine.HandlerAvailabilityImpl;
import dev.cadre.platform.engine.JdbcRunRecords;
import dev.cadre.platform.engine.RunEvents;
import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.TemplateCatalog;
import dev.cadre.platform.engine.TemplateWorkflow;
import dev.cadre.platform.engine.TemporalConnection;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.engine.WorkflowResult;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateEntities;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateValidator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Throughput of the template engine against a hand-written static workflow with the same activities,
 * in one process, against one embedded Temporal server started as {@code cadre run} starts it (real
 * time, over gRPC), with and without run-record writes to the embedded PostgreSQL.
 *
 * <p>Run: {@code mvn -B -q -pl platform test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.cadre.bench.EngineBenchmark -Dexec.args="--cycles 40 --concurrency 4 --rounds 1"}.
 * {@code --rounds N} repeats the whole comparison N times, to watch the server slow down over a long run;
 * {@code --raw-server} runs the embedded server without {@code EmbeddedTemporalFix}, for comparison.
 */
public final class EngineBenchmark {

    private record Config(String name, String queue, Function<String, Object> runOne) {
    }

    public static void main(String[] args) throws Exception {
        int cycles = intArg(args, "--cycles", 40);
        int concurrency = intArg(args, "--concurrency", 4);
        int rounds = intArg(args, "--rounds", 1);
        boolean rawServer = List.of(args).contains("--raw-server");
        Path home = Files.createTempDirectory("cadre-bench");
        // started apart from the connection so the benchmark can compare the server with and without EmbeddedTemporalFix
        EmbeddedTemporalServer server = EmbeddedTemporalServer.start(java.net.InetAddress.getLoopbackAddress(), 0, !rawServer);
        CadreConfig config = new ConfigLoader(Map.of("CADRE_HOME", home.toString(), "CADRE_TEMPORAL_TARGET", "127.0.0.1:" + server.port())).load(home);
        Json json = new Json();
        System.out.println(rawServer ? "embedded Temporal server as shipped by temporal-testing" : "embedded Temporal server with Cadre's lock-event fix");
        try (server; Database database = Database.open(config, TemplateEntities.all());
             TemporalConnection temporal = TemporalConnection.open(config, new NoopScope())) {
            BuiltinHandlerRegistry handlers = BuiltinHandlerRegistry.fromClassPath();
            handlers.register(new BenchWorkHandler());
            TemplateService templates = new TemplateService(database, new TemplateValidator(new ExpressionEngine(), handlers::knows), new TemplateDocuments());
            Template testCycle = templates.current("test-cycle").orElseThrow();
            Template bench = templates.importTemplate(BenchTemplate.from(testCycle), true, true).template();
            TemplateCatalog catalog = (code, version) -> Optional.of(bench);
            RunRecords jdbc = new JdbcRunRecords(database.dataSource(), json, RunEvents.NONE);
            Artifacts artifacts = new Artifacts(database.dataSource());
            WorkflowClient client = temporal.client();
            WorkerFactory factory = WorkerFactory.newInstance(client);
            engineWorker(factory, "engine-db", handlers, jdbc, artifacts, catalog, json);
            engineWorker(factory, "engine-mem", handlers, new InMemoryRunRecords(), artifacts, catalog, json);
            staticWorker(factory, "static-db", new StaticSteps(jdbc));
            staticWorker(factory, "static-mem", new StaticSteps(null));
            factory.start();

            List<Config> configs = List.of(
                    new Config("engine, run records in PostgreSQL", "engine-db", q -> runEngine(client, q)),
                    new Config("static, run records in PostgreSQL", "static-db", q -> runStatic(client, q)),
                    new Config("engine, run records in memory", "engine-mem", q -> runEngine(client, q)),
                    new Config("static, no run records", "static-mem", q -> runStatic(client, q)));
            System.out.printf("cycles per configuration %d, concurrency %d, %d activities per cycle%n", cycles, concurrency, BenchTemplate.ACTIVITIES_PER_CYCLE);
            measure(configs.get(0), 2, 2); // warm-up: JIT, connection pools
            measure(configs.get(1), 2, 2);
            for (int round = 1; round <= rounds; round++) {
                double[] rates = new double[configs.size()];
                for (int i = 0; i < configs.size(); i++) {
                    rates[i] = measure(configs.get(i), cycles, concurrency);
                    System.out.printf("round %d  %-36s %6.2f cycles/s %8.1f activities/s%n", round, configs.get(i).name(), rates[i],
                            rates[i] * BenchTemplate.ACTIVITIES_PER_CYCLE);
                }
                System.out.printf("round %d  ratio engine/static: with run records %.2f, without %.2f%n", round, rates[0] / rates[1], rates[2] / rates[3]);
            }
            factory.shutdown();
        }
    }

    private static double measure(Config config, int cycles, int concurrency) {
        long start = System.nanoTime();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        int perLane = cycles / concurrency;
        for (int lane = 0; lane < concurrency; lane++) {
            lanes.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perLane; i++) {
                    config.runOne().apply(config.queue());
                }
            }));
        }
        lanes.forEach(CompletableFuture::join);
        return perLane * concurrency / ((System.nanoTime() - start) / 1e9);
    }

    private static Object runEngine(WorkflowClient client, String queue) {
        TemplateWorkflow workflow = client.newWorkflowStub(TemplateWorkflow.class, options(queue));
        WorkflowResult result = workflow.run(new WorkflowRequest(BenchTemplate.CODE, null, "bench", BenchTemplate.PARAMETERS));
        if (result.completed() != BenchTemplate.ACTIVITIES_PER_CYCLE) {
            throw new IllegalStateException("engine cycle completed " + result.completed() + " activities");
        }
        return result;
    }

    private static Object runStatic(WorkflowClient client, String queue) {
        int count = client.newWorkflowStub(StaticCycleWorkflow.class, options(queue)).run("bench");
        if (count != BenchTemplate.ACTIVITIES_PER_CYCLE) {
            throw new IllegalStateException("static cycle ran " + count + " activities");
        }
        return count;
    }

    private static WorkflowOptions options(String queue) {
        return WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(queue + "-" + UUID.randomUUID()).build();
    }

    private static void engineWorker(WorkerFactory factory, String queue, BuiltinHandlerRegistry handlers, RunRecords records,
            Artifacts artifacts, TemplateCatalog catalog, Json json) {
        Worker worker = factory.newWorker(queue);
        EngineWorker.register(worker, new EngineActivities(new HandlerActivity(handlers, records, artifacts, catalog, json, ExecutionEvents.NONE),
                new EngineRecordsImpl(catalog, records, null), new HandlerAvailabilityImpl(handlers), notice -> { }), new ExpressionEngine());
    }

    private static void staticWorker(WorkerFactory factory, String queue, StaticSteps steps) {
        Worker worker = factory.newWorker(queue);
        worker.registerWorkflowImplementationTypes(StaticCycleWorkflow.Impl.class);
        worker.registerActivitiesImplementations(steps);
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
