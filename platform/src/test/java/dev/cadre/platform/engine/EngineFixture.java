package dev.cadre.platform.engine;

import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.notifications.TaskNotifier;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateEntities;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateValidator;
import dev.cadre.platform.testing.Sql;
import dev.cadre.platform.users.UserDirectory;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real engine for tests: embedded PostgreSQL (migrated, seeded), the Temporal test server with
 * time skipping, and a worker running the real workflow and handler activity.
 */
final class EngineFixture implements AutoCloseable {

    static final String QUEUE = "cadre-test";

    final Database database;
    final Json json = new Json();
    final RunRecords records;
    final Artifacts artifacts;
    final BuiltinHandlerRegistry handlers = BuiltinHandlerRegistry.fromClassPath();
    final TemplateService templates;
    final TestWorkflowEnvironment environment;
    final Workflows workflows;

    final UserDirectory users;

    EngineFixture(Path home) {
        this(home, Map.of());
    }

    /** @param environment configuration on top of the defaults, e.g. CADRE_NOTIFY_WEBHOOK_URL */
    EngineFixture(Path home, Map<String, String> settings) {
        CadreConfig config = new ConfigLoader(settings).load(home);
        database = Database.open(config, TemplateEntities.all());
        records = new JdbcRunRecords(database.dataSource(), json);
        artifacts = new Artifacts(database.dataSource());
        templates = new TemplateService(database, new TemplateValidator(new ExpressionEngine(), handlers::knows), new TemplateDocuments());
        TemplateCatalog catalog = (code, version) -> version == null ? templates.current(code) : templates.find(code, version);
        environment = TestWorkflowEnvironment.newInstance();
        Worker worker = environment.newWorker(QUEUE);
        users = new UserDirectory(database.dataSource(), java.time.Clock.systemUTC());
        EngineWorker.register(worker, new EngineActivities(new HandlerActivity(handlers, records, artifacts, catalog, json),
                new EngineRecordsImpl(catalog, records), new HandlerAvailabilityImpl(handlers),
                new TaskNotifier(config.notifications(), users, json)));
        environment.start();
        workflows = new Workflows(environment.getWorkflowClient(), QUEUE, catalog);
    }

    WorkflowClient client() {
        return environment.getWorkflowClient();
    }

    /** Imports a template document from the test resources, published, and returns it with its version. */
    Template importTemplate(String resource) {
        Template document = new TemplateDocuments().read(read(Path.of("src/test/resources/templates", resource)));
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
    List<Map<String, Object>> query(String sql, Object... parameters) {
        return Sql.query(database.dataSource(), sql, parameters);
    }

    @Override
    public void close() {
        environment.close();
        database.close();
    }
}
