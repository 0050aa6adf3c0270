package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.host.HostServices;
import dev.cadre.platform.metrics.ActivityMeters;
import dev.cadre.platform.metrics.WorkflowMeters;
import dev.cadre.platform.notifications.TaskNotifier;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.templates.TemplateEntities;
import dev.cadre.platform.testing.CountingDataSource;
import dev.cadre.platform.testing.Sql;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The database cost of a run's bookkeeping, counted at the JDBC level on the real pool and PostgreSQL:
 * every automated step's state changes (RUNNING, then its end) reach the database in at most one
 * transaction: one JDBC batch and one commit, two round trips, the same for a step of a run's
 * own sequence as for a fan-out instance's, plus a fixed cost per run (start, end, history counts)
 * that does not grow with its steps. Guards the budget so it cannot creep back; every state change is
 * still recorded (the run's records are checked too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepBudgetIT {

    /** The writes of one step ride on one activity's transaction: at most one commit each. */
    static final int COMMITS_PER_STEP = 1;
    /** Its upserts in one JDBC batch (one round trip), then the commit: two round trips. */
    static final int EXECUTIONS_PER_STEP = 1;
    /** Per run, whatever its size: the start, the run's identity read once, history counts, the end. */
    static final int COMMITS_PER_RUN = 5;
    static final int EXECUTIONS_PER_RUN = 12;

    private static final String QUEUE = "cadre-budget";

    Database database;
    HostServices services;
    CountingDataSource counting;
    HandlerActivity handlerActivity;
    TestWorkflowEnvironment environment;
    Workflows workflows;

    @BeforeAll
    void start(@TempDir Path home) {
        CadreConfig config = new ConfigLoader(Map.of("CADRE_TASK_QUEUE", QUEUE)).load(home);
        database = Database.open(config, TemplateEntities.all());
        BuiltinHandlerRegistry handlers = BuiltinHandlerRegistry.fromClassPath();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        services = HostServices.build(config, database, handlers, meters);
        // the engine's run records and handler activity as the host wires them, on the counted pool
        counting = new CountingDataSource(database.dataSource());
        RunRecords records = new JdbcRunRecords(counting.dataSource(), services.json(), new WorkflowMeters(meters));
        handlerActivity = new HandlerActivity(handlers, records, services.artifacts(), services.catalog(), services.json(), new ActivityMeters(meters));
        EngineActivities activities = new EngineActivities(handlerActivity, new EngineRecordsImpl(services.catalog(), records, services.parameterFiles()),
                new HandlerAvailabilityImpl(handlers), new TaskNotifier(config.notifications(), services.users(), services.json()));
        environment = TestWorkflowEnvironment.newInstance();
        EngineWorker.register(environment.newWorker(QUEUE), activities, services.expressions());
        environment.start();
        workflows = services.workflows(environment.getWorkflowClient());
        services.templates().importTemplate(services.documents().read(EngineFixture.read(Path.of("src/test/resources/templates", "wide-two-steps.json"))),
                true, true);
        run(3); // caches warm (template versions, the JIT): what a long-running host pays
    }

    @AfterAll
    void stop() {
        environment.close();
        handlerActivity.close();
        services.close();
        database.close();
    }

    @Test
    void everyAutomatedStepCostsOneBatchAndOneCommit() {
        for (int items : List.of(5, 40)) {
            counting.reset();
            String id = run(items);
            int steps = 2 + 2 * items; // the phase's start and end markers, TICK and TOCK per instance
            long commits = counting.commits();
            long executions = counting.executions();
            LoggerFactory.getLogger(StepBudgetIT.class).info("{} automated steps: {} commits, {} statements, {} connections, {} rollbacks: {}",
                    steps, commits, executions, counting.connections(), counting.rollbacks(), counting.bySql());

            assertEquals(steps, ((Number) Sql.query(counting.target(), """
                    SELECT count(*) AS n FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                    WHERE w.workflow_id = ? AND a.status = 'COMPLETED' AND a.started_at IS NOT NULL AND a.completed_at IS NOT NULL
                    """, id).get(0).get("n")).intValue(), "every step recorded, started and completed");
            assertTrue(commits <= (long) COMMITS_PER_STEP * steps + COMMITS_PER_RUN,
                    steps + " steps took " + commits + " commits: " + counting.bySql());
            assertTrue(executions <= (long) EXECUTIONS_PER_STEP * steps + EXECUTIONS_PER_RUN,
                    steps + " steps took " + executions + " statements: " + counting.bySql());
            assertEquals(0, counting.rollbacks(), "no write failed");
        }
    }

    private String run(int items) {
        String id = workflows.start(new WorkflowRequest("wide-two-steps", null, "budget-" + items,
                Map.of("items", IntStream.range(0, items).mapToObj(i -> "item-" + i).toList()))).workflowId();
        WorkflowResult result = workflows.stub(id).getResult(WorkflowResult.class);
        assertEquals("COMPLETED", Sql.query(counting.target(), "SELECT status FROM workflow_instances WHERE workflow_id = ?", id).get(0).get("status"),
                String.valueOf(result));
        return id;
    }
}
