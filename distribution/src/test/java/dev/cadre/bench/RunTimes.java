package dev.cadre.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * What run records say about runs' times: Cadre's ({@code workflow_instances}, {@code workflow_activities}),
 * or the lean baseline's own status tables ({@link LeanSteps}).
 */
final class RunTimes {

    /**
     * @param status     the run's status
     * @param elapsedMs  record start to record end (to now while it runs)
     * @param stepsEnded its step rows that completed
     */
    record Run(String status, double elapsedMs, long stepsEnded) {
    }

    /**
     * @param runs      records found
     * @param completed of them COMPLETED
     * @param spanMs    the first record start to the last record end
     */
    record Batch(int runs, int completed, double spanMs) {
    }

    private final DataSource dataSource;
    private final String runSql;
    private final String batchSql;

    private RunTimes(DataSource dataSource, String runSql, String batchSql) {
        this.dataSource = dataSource;
        this.runSql = runSql;
        this.batchSql = batchSql;
    }

    /** @return the times Cadre's run records give (the engine's runs, and the same-records static workflow's) */
    static RunTimes cadre(DataSource dataSource) {
        return new RunTimes(dataSource, """
                SELECT w.status, EXTRACT(EPOCH FROM (COALESCE(w.completed_at, now()) - w.started_at)) * 1000,
                    (SELECT count(*) FROM workflow_activities a WHERE a.workflow_instance_id = w.id AND a.status = 'COMPLETED')
                FROM workflow_instances w WHERE w.workflow_id = ?
                """, """
                SELECT count(*), count(*) FILTER (WHERE status = 'COMPLETED'),
                    EXTRACT(EPOCH FROM (max(completed_at) - min(started_at))) * 1000
                FROM workflow_instances WHERE workflow_id = ANY (?)
                """);
    }

    /** @return the times the lean baseline's own status tables give */
    static RunTimes lean(DataSource dataSource) {
        return new RunTimes(dataSource, """
                SELECT r.status, EXTRACT(EPOCH FROM (COALESCE(r.completed_at, now()) - r.started_at)) * 1000,
                    (SELECT count(*) FROM %s s WHERE s.workflow_id = r.workflow_id AND s.status = 'COMPLETED')
                FROM %s r WHERE r.workflow_id = ?
                """.formatted(LeanSteps.STEPS, LeanSteps.RUNS), """
                SELECT count(*), count(*) FILTER (WHERE status = 'COMPLETED'),
                    EXTRACT(EPOCH FROM (max(completed_at) - min(started_at))) * 1000
                FROM %s WHERE workflow_id = ANY (?)
                """.formatted(LeanSteps.RUNS));
    }

    /** @return the run's record, or a run with status {@code MISSING} */
    Run run(String workflowId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(runSql)) {
            statement.setString(1, workflowId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new Run(rs.getString(1), rs.getDouble(2), rs.getLong(3)) : new Run("MISSING", 0, 0);
            }
        }
    }

    /** @return the runs' records together */
    Batch batch(List<String> workflowIds) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(batchSql)) {
            statement.setArray(1, connection.createArrayOf("varchar", workflowIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Batch(rs.getInt(1), rs.getInt(2), rs.getDouble(3));
            }
        }
    }
}
