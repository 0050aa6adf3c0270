package dev.cadre.platform.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.cadre.platform.config.CadreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's PostgreSQL: the embedded server when no URL is configured, a HikariCP pool, Flyway
 * migrations applied at start, and a Hibernate {@link SessionFactory} over the entity classes the
 * features register.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** How long the work pool waits for a connection before an operation fails. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The longest any one statement of the host may run (PostgreSQL's {@code statement_timeout} on every pooled
     * connection): a request thread waiting on a lock or a wedged server gets an error instead of waiting without
     * end. Migrations run without it.
     */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #isUp} may take when the database is gone: health must answer quickly. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(1500);

    private final Optional<EmbeddedDatabase> embedded;
    private final HikariDataSource dataSource;
    private final HikariDataSource checks;
    private final SessionFactory sessions;
    private final String openedIn;

    private Database(Optional<EmbeddedDatabase> embedded, HikariDataSource dataSource, HikariDataSource checks, SessionFactory sessions,
            String openedIn) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.checks = checks;
        this.sessions = sessions;
        this.openedIn = openedIn;
    }

    /**
     * Connects (starting the embedded server if configured), migrates and builds the session factory.
     *
     * @param config   the host configuration
     * @param entities the annotated entity classes of every feature
     * @return the open database
     */
    public static Database open(CadreConfig config, List<Class<?>> entities) {
        return open(config, entities, Optional.empty());
    }

    /**
     * As {@link #open(CadreConfig, List)}, with the pool's meters ({@code hikaricp_*}) in the host's registry.
     *
     * @param config   the host configuration
     * @param entities the annotated entity classes of every feature
     * @param meters   where the pool registers its meters
     * @return the open database
     */
    public static Database open(CadreConfig config, List<Class<?>> entities, MeterRegistry meters) {
        return open(config, entities, Optional.of(meters));
    }

    private static Database open(CadreConfig config, List<Class<?>> entities, Optional<MeterRegistry> meters) {
        long began = System.nanoTime();
        // Hibernate's boot (seconds of class loading) reads no JDBC metadata: it runs while PostgreSQL starts and migrates
        PoolToCome poolToCome = new PoolToCome();
        long[] hibernateMillis = new long[1];
        java.util.concurrent.CompletableFuture<SessionFactory> sessionsBuilt = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long booting = System.nanoTime();
            SessionFactory built = sessionFactory(poolToCome, entities);
            hibernateMillis[0] = (System.nanoTime() - booting) / 1_000_000;
            return built;
        }, runnable -> {
            Thread thread = new Thread(runnable, "cadre-hibernate-boot");
            thread.setDaemon(true);
            thread.start();
        });
        Optional<EmbeddedDatabase> embedded = Optional.empty();
        HikariDataSource dataSource = null;
        HikariDataSource checks = null;
        try {
            embedded = config.embeddedDatabase() ? Optional.of(EmbeddedDatabase.start(config.dataDir())) : Optional.empty();
            long started = System.nanoTime();
            String url = embedded.map(EmbeddedDatabase::jdbcUrl).orElseGet(() -> config.dbUrl().orElseThrow());
            String user = embedded.map(EmbeddedDatabase::user).orElse(config.dbUser());
            String password = embedded.map(EmbeddedDatabase::password).orElse(config.dbPassword());
            dataSource = pool(url, user, password, config.dbPoolSize(), meters);
            migrate(dataSource);
            long migrated = System.nanoTime();
            dataSource.getHikariPoolMXBean().softEvictConnections(); // Flyway lifted the statement timeout on those it used
            checks = checkPool(url, user, password);
            poolToCome.set(dataSource);
            SessionFactory sessions = joined(sessionsBuilt);
            String openedIn = (embedded.isPresent() ? "embedded PostgreSQL " + (started - began) / 1_000_000 + " ms, " : "")
                    + "Flyway " + (migrated - started) / 1_000_000 + " ms, Hibernate " + hibernateMillis[0] + " ms alongside both";
            return new Database(embedded, dataSource, checks, sessions, openedIn);
        } catch (RuntimeException e) {
            sessionsBuilt.thenAccept(SessionFactory::close); // once its boot has ended
            if (checks != null) {
                checks.close();
            }
            if (dataSource != null) {
                dataSource.close();
            }
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
    }

    /**
     * Applies the migrations in {@code classpath:db/migration}; a no-op when the schema is current.
     *
     * @param dataSource where to migrate
     * @return what Flyway did
     */
    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .callbacks(new NoStatementTimeout())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Database migrated to version {} ({} migrations applied)", result.targetSchemaVersion, result.migrationsExecuted);
        } else {
            log.info("Database schema is current (version {})", result.initialSchemaVersion);
        }
        return result;
    }

    private static HikariDataSource pool(String url, String user, String password, int size, Optional<MeterRegistry> meters) {
        HikariConfig hikari = new HikariConfig();
        meters.ifPresent(registry -> hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(2, size));
        hikari.setPoolName("cadre");
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setConnectionInitSql("SET statement_timeout = " + STATEMENT_TIMEOUT.toMillis());
        hikari.setAutoCommit(true);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to PostgreSQL at " + url + " as " + user + ": " + rootMessage(e), e);
        }
    }

    /**
     * One connection of its own for {@link #isUp}: while the database is gone, a check gives up after
     * {@link #CHECK_TIMEOUT} instead of the work pool's {@link #CONNECTION_TIMEOUT}, and a work pool
     * busy with waiting operations does not make a reachable database look down.
     */
    private static HikariDataSource checkPool(String url, String user, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(1);
        hikari.setMinimumIdle(0);
        hikari.setPoolName("cadre-health");
        hikari.setConnectionTimeout(CHECK_TIMEOUT.toMillis());
        hikari.setValidationTimeout(CHECK_TIMEOUT.toMillis() / 2);
        hikari.setInitializationFailTimeout(-1); // the work pool has just connected; a check never stops the host
        return new HikariDataSource(hikari);
    }

    private static SessionFactory sessionFactory(DataSource dataSource, List<Class<?>> entities) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                // no connection at boot: the dialect is named instead of read from the server (its oldest supported version)
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.SHOW_SQL, false)
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    private static SessionFactory joined(java.util.concurrent.CompletableFuture<SessionFactory> sessions) {
        try {
            return sessions.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** @return where opening took its time: the embedded server's start, the migrations, the session factory */
    public String openedIn() {
        return openedIn;
    }

    /** @return the pooled data source, for plain JDBC where Hibernate adds nothing */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the Hibernate session factory */
    public SessionFactory sessions() {
        return sessions;
    }

    /** @return the embedded server, when the host runs one */
    public Optional<EmbeddedDatabase> embedded() {
        return embedded;
    }

    /**
     * Runs work in one short transaction, committed on return and rolled back on any exception.
     *
     * @param work what to do with the session
     * @param <T>  the result type
     * @return what the work returned
     */
    public <T> T inTransaction(Function<Session, T> work) {
        return sessions.fromTransaction(work);
    }

    /** @param work what to do with the session, in one transaction */
    public void useTransaction(Consumer<Session> work) {
        sessions.inTransaction(work);
    }

    /** @return whether the database answers a trivial query; decided within about {@link #CHECK_TIMEOUT} */
    public boolean isUp() {
        try (var connection = checks.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, CHECK_TIMEOUT.toSeconds()));
            return statement.execute("SELECT 1");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        sessions.close();
        checks.close();
        dataSource.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
