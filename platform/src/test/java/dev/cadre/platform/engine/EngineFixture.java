package dev.cadre.platform.engine;

import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.host.HostServices;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateEntities;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.testing.Sql;
import dev.cadre.platform.users.UserDirectory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real engine for tests: embedded PostgreSQL (migrated, seeded), the host's own wiring of its
 * services ({@link HostServices}) over the built-in handlers, and the Temporal test server with time
 * skipping, whose worker runs the real workflow and handler activity.
 */
final class EngineFixture implements AutoCloseable {

    static final String QUEUE = "cadre-test";

    final Database database;
    final BuiltinHandlerRegistry handlers = BuiltinHandlerRegistry.fromClassPath();
    final HostServices services;
    final Json json;
    final RunRecords records;
    final Artifacts artifacts;
    final TemplateService templates;
    final UserDirectory users;
    final TestWorkflowEnvironment environment;
    final Workflows workflows;
    final RunRecovery recovery;
    /** Measures every payload of the fixture's runs. */
    final PayloadWatch payloads = new PayloadWatch();

    EngineFixture(Path home) {
        this(home, Map.of());
    }

    /** @param settings configuration on top of the defaults, e.g. CADRE_NOTIFY_WEBHOOK_URL */
    EngineFixture(Path home, Map<String, String> settings) {
        Map<String, String> environmentVariables = new HashMap<>(Map.of("CADRE_TASK_QUEUE", QUEUE));
        environmentVariables.putAll(settings);
        CadreConfig config = new ConfigLoader(environmentVariables).load(home);
        database = Database.open(config, TemplateEntities.all());
        services = HostServices.build(config, database, handlers, new SimpleMeterRegistry());
        json = services.json();
        records = services.records();
        artifacts = services.artifacts();
        templates = services.templates();
        users = services.users();
        environment = TestWorkflowEnvironment.newInstance(io.temporal.testing.TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(io.temporal.client.WorkflowClientOptions.newBuilder().setDataConverter(payloads.dataConverter()).build())
                .build());
        EngineWorker.register(environment.newWorker(QUEUE), services.engineActivities(), services.expressions());
        environment.start();
        workflows = services.workflows(environment.getWorkflowClient());
        recovery = services.recovery(environment.getWorkflowClient());
    }

    WorkflowClient client() {
        return environment.getWorkflowClient();
    }

    /** Imports a template document from the test resources, published, and returns it with its version. */
    Template importTemplate(String resource) {
        Template document = services.documents().read(read(Path.of("src/test/resources/templates", resource)));
        return templates.importTemplate(document, true, true).template();
    }

    static Path testCycleDocument() {
        Path path = Path.of("..", "distribution", "src", "main", "templates", "test-cycle.json");
        if (!Files.exists(path)) {
            throw new IllegalStateException("test-cycle.json not found at " + path.toAbsolutePath());
        }
        return path;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return rows of a query as ordered maps, column label -> value */
    /**
     * @param workflowId a run
     * @return its step records by step ({@code CODE}, or {@code CODE[instance]}), in the order first written
     */
    Map<String, Map<String, Object>> steps(String workflowId) {
        return query("""
                SELECT a.activity_code || CASE WHEN a.instance_id = '' THEN '' ELSE '[' || a.instance_id || ']' END AS step,
                       a.status, a.retry_count, a.last_error, a.outcome, a.completed_by, a.completed_at, a.due_at,
                       a.handler_source, a.output::text AS output
                FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? ORDER BY a.id
                """, workflowId).stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("step"), r -> r,
                        (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** @return a step's recorded status ({@code CODE} or {@code CODE[instance]}), or null when it has no record */
    String stepStatus(String workflowId, String step) {
        Map<String, Object> row = steps(workflowId).get(step);
        return row == null ? null : (String) row.get("status");
    }

    /** @return the run's recorded status */
    String runStatus(String workflowId) {
        return (String) query("SELECT status FROM workflow_instances WHERE workflow_id = ?", workflowId).get(0).get("status");
    }

    List<Map<String, Object>> query(String sql, Object... parameters) {
        return Sql.query(database.dataSource(), sql, parameters);
    }

    @Override
    public void close() {
        environment.close();
        services.close();
        database.close();
    }
}
