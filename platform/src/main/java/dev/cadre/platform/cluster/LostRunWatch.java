package dev.cadre.platform.cluster;

import dev.cadre.platform.engine.RunRecovery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, while the cluster runs, the runs Temporal lost (a {@code temporal-dev} restart, say) and
 * continues them from their records; not only when a host starts. One host at a time does it: the
 * check runs under a PostgreSQL advisory lock, and a host that does not get it skips this round.
 */
public final class LostRunWatch implements AutoCloseable {

    /** How often each host offers to check. */
    public static final Duration EVERY = Duration.ofSeconds(60);
    /** The advisory lock's key: "cadre lost runs". */
    static final long LOCK = 0x43_61_64_72_65_4C_52L;

    private static final Logger log = LoggerFactory.getLogger(LostRunWatch.class);

    private final DataSource dataSource;
    private final RunRecovery recovery;
    private final ScheduledExecutorService schedule;

    /**
     * @param dataSource the cluster's database (the lock lives there)
     * @param recovery   continues lost runs
     * @param every      how often to check
     */
    public LostRunWatch(DataSource dataSource, RunRecovery recovery, Duration every) {
        this.dataSource = dataSource;
        this.recovery = recovery;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "cadre-lost-runs");
            thread.setDaemon(true);
            return thread;
        });
        executor.prestartCoreThread();
        this.schedule = executor;
        schedule.scheduleWithFixedDelay(this::checkOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return whether this host held the lock and checked */
    public boolean checkOnce() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!lock(connection, "SELECT pg_try_advisory_lock(?)")) {
                return false;
            }
            try {
                recovery.reconcileUnknown();
            } finally {
                lock(connection, "SELECT pg_advisory_unlock(?)");
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            log.warn("The check for lost runs failed; the next one tries again: {}", e.toString());
            return false;
        }
    }

    private static boolean lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
