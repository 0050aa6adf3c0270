package dev.cadre.distribution.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cadre.distribution.Poll;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** What the fault tests read from the run records, straight from PostgreSQL (not through a host that may be gone). */
public final class RunRecordChecks {

    private final ExternalPostgres postgres;

    /** @param postgres the database the hosts record runs in */
    public RunRecordChecks(ExternalPostgres postgres) {
        this.postgres = postgres;
    }

    /** Every run COMPLETED with exactly its step rows, one per (run, activity, instance), none FAILED. */
    public void assertRunRecords(List<String> runs) throws SQLException {
        try (Connection db = postgres.connect()) {
            Map<String, Integer> rows = new TreeMap<>();
            Map<String, String> notCompleted = new TreeMap<>();
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT i.workflow_id, a.activity_code, a.instance_id, a.status, a.last_error, count(*) OVER (
                           PARTITION BY a.workflow_instance_id, a.activity_code, a.instance_id) AS copies
                      FROM workflow_instances i JOIN workflow_activities a ON a.workflow_instance_id = i.id
                     WHERE i.workflow_id = ANY (?)""")) {
                query.setArray(1, ids(db, runs));
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String step = row.getString(1) + " " + row.getString(2) + "[" + row.getString(3) + "]";
                        rows.merge(row.getString(1), 1, Integer::sum);
                        assertEquals(1, row.getInt("copies"), "one row per step: " + step);
                        if (!"COMPLETED".equals(row.getString("status"))) {
                            notCompleted.put(step, row.getString("status") + " " + row.getString("last_error"));
                        }
                    }
                }
            }
            assertTrue(notCompleted.isEmpty(), "steps not COMPLETED: " + notCompleted);
            for (String run : runs) {
                assertEquals(FaultTemplate.ROWS_PER_RUN, rows.getOrDefault(run, 0), "step rows of " + run);
            }
        }
    }

    /** @return when the last run completed (the database's clock, the one the records use) */
    public Instant awaitCompleted(List<String> runs, Duration limit, Supplier<String> diagnostics) {
        AtomicReference<Map<String, String>> status = new AtomicReference<>(Map.of());
        AtomicReference<Instant> last = new AtomicReference<>();
        Poll.until(limit, Duration.ofMillis(500), () -> {
            Map<String, String> now = new TreeMap<>();
            Instant latest = null;
            try (Connection db = postgres.connect();
                 PreparedStatement query = db.prepareStatement(
                         "SELECT workflow_id, status, error, completed_at FROM workflow_instances WHERE workflow_id = ANY (?)")) {
                query.setArray(1, ids(db, runs));
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String state = row.getString("status");
                        if (state.equals("FAILED") || state.equals("CANCELLED")) {
                            fail(row.getString("workflow_id") + " ended " + state + ": " + row.getString("error") + "\n" + diagnostics.get());
                        }
                        now.put(row.getString("workflow_id"), state);
                        if (state.equals("COMPLETED")) {
                            Instant done = row.getTimestamp("completed_at").toInstant();
                            latest = latest == null || done.isAfter(latest) ? done : latest;
                        }
                    }
                }
            }
            status.set(now);
            last.set(latest);
            return now.size() == runs.size() && now.values().stream().allMatch("COMPLETED"::equals);
        }, () -> "not every run COMPLETED within " + limit + ": " + status.get() + "\n" + diagnostics.get());
        return last.get();
    }

    public void awaitStepsRunning(List<String> runs, Duration limit) {
        Poll.until(limit, Duration.ofMillis(100), () -> {
            try (Connection db = postgres.connect();
                 PreparedStatement query = db.prepareStatement("""
                         SELECT count(*) FROM workflow_instances i JOIN workflow_activities a ON a.workflow_instance_id = i.id
                          WHERE i.workflow_id = ANY (?) AND a.status = 'RUNNING' AND a.handler_name = ?""")) {
                query.setArray(1, ids(db, runs));
                query.setString(2, PacedStepHandler.NAME);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getInt(1) >= 3;
                }
            }
        }, () -> "no paced steps RUNNING within " + limit);
    }

    public Map<Long, Integer> pacedStepsByHost(List<String> runs) throws SQLException {
        Map<Long, Integer> byHost = new TreeMap<>();
        try (Connection db = postgres.connect();
             PreparedStatement query = db.prepareStatement("""
                     SELECT (a.output ->> 'pid')::bigint, count(*) FROM workflow_instances i
                       JOIN workflow_activities a ON a.workflow_instance_id = i.id
                      WHERE i.workflow_id = ANY (?) AND a.handler_name = ? GROUP BY 1""")) {
            query.setArray(1, ids(db, runs));
            query.setString(2, PacedStepHandler.NAME);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    byHost.put(row.getLong(1), row.getInt(2));
                }
            }
        }
        return byHost;
    }

    private static Array ids(Connection db, List<String> runs) throws SQLException {
        return db.createArrayOf("varchar", runs.toArray());
    }
}
