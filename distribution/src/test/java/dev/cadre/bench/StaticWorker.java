package dev.cadre.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.engine.JdbcRunRecords;
import dev.cadre.platform.engine.TemporalConnection;
import dev.cadre.platform.persistence.Json;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The benchmark process's side: a Temporal client of the host's embedded server, a pool on the same
 * PostgreSQL, and the workers of the two hand-written static workflows, each on its own task queue:
 * the lean baseline ({@link LeanSteps}: two plain statements per step on its own status table) and the
 * same-records one ({@link StaticSteps}: Cadre's own run-record writes). Both are configured as the host
 * configures its own worker (pool size, activity and local-activity slots, sticky execution on, as a
 * host keeps it on its in-process server).
 */
final class StaticWorker implements AutoCloseable {

    /** The same-records static workflow's task queue. */
    static final String QUEUE = "bench-static";
    /** The lean baseline's task queue. */
    static final String LEAN_QUEUE = "bench-lean";

    private final TemporalConnection temporal;
    private final HikariDataSource dataSource;
    private final WorkerFactory factory;
    private final boolean sticky;

    private StaticWorker(TemporalConnection temporal, HikariDataSource dataSource, WorkerFactory factory, boolean sticky) {
        this.temporal = temporal;
        this.dataSource = dataSource;
        this.factory = factory;
        this.sticky = sticky;
    }

    /**
     * @param hostEnvironment the host's CADRE_* settings (database, Temporal target)
     * @param home            the host's home (its conf/cadre.properties)
     * @param template        the cycle template's code, whose rows the static run records point at
     * @param version         its version
     * @return the started worker
     */
    static StaticWorker start(Map<String, String> hostEnvironment, Path home, String template, int version) throws java.sql.SQLException {
        CadreConfig config = new ConfigLoader(hostEnvironment).load(home);
        TemporalConnection temporal = TemporalConnection.open(config, new com.uber.m3.tally.NoopScope());
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.dbUrl().orElseThrow());
        pool.setUsername(config.dbUser());
        pool.setPassword(config.dbPassword());
        pool.setMaximumPoolSize(config.dbPoolSize());
        pool.setPoolName("bench-static");
        HikariDataSource dataSource = new HikariDataSource(pool);
        boolean sticky = true; // as the host keeps it on its in-process server
        WorkerFactory factory = WorkerFactory.newInstance(temporal.client());
        WorkerOptions.Builder options = WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(config.workerActivitySlots())
                .setMaxConcurrentLocalActivityExecutionSize(config.workerActivitySlots());
        if (!sticky) {
            options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
        }
        Worker worker = factory.newWorker(QUEUE, options.build());
        worker.registerWorkflowImplementationTypes(StaticCycle.Impl.class);
        worker.registerActivitiesImplementations(new StaticSteps(new JdbcRunRecords(dataSource, new Json(), dev.cadre.platform.engine.RunEvents.NONE), template, version));
        LeanSteps.createTables(dataSource);
        Worker lean = factory.newWorker(LEAN_QUEUE, options.build());
        lean.registerWorkflowImplementationTypes(StaticCycle.Impl.class);
        lean.registerActivitiesImplementations(new LeanSteps(dataSource));
        factory.start();
        return new StaticWorker(temporal, dataSource, factory, sticky);
    }

    WorkflowClient client() {
        return temporal.client();
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** @return whether workflow tasks stay sticky (on, as on the host's in-process server) */
    boolean sticky() {
        return sticky;
    }

    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        factory.shutdownNow();
        temporal.close();
        dataSource.close();
    }
}
