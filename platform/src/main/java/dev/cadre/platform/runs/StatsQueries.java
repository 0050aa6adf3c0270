package dev.cadre.platform.runs;

import dev.cadre.platform.persistence.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Handler performance and task times from the run records (one row per step): percentiles in SQL,
 * served by the V5 indexes. Automated steps are those without a due time; manual ones have one.
 */
public final class StatsQueries {

    public static final String HANDLERS = """
            SELECT handler_name, handler_source, count(*),
                   count(*) FILTER (WHERE status = 'FAILED'),
                   COALESCE(sum(retry_count), 0),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - started_at)) FILTER (WHERE timed),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - started_at)) FILTER (WHERE timed),
                   max(extract(epoch FROM completed_at - started_at)) FILTER (WHERE timed)
            FROM (SELECT handler_name, handler_source, status, retry_count, started_at, completed_at,
                         due_at IS NULL AND status IN ('COMPLETED', 'SKIPPED', 'FAILED') AND completed_at IS NOT NULL AS timed
                  FROM workflow_activities
                  WHERE started_at >= now() - ? * interval '1 second' AND handler_source IS NOT NULL) executions
            GROUP BY handler_name, handler_source
            ORDER BY handler_name, handler_source
            """;

    public static final String TASKS = """
            SELECT activity_code, COALESCE(assignee_role, 'none'),
                   count(*) FILTER (WHERE status = 'WAITING'),
                   count(*) FILTER (WHERE status = 'WAITING' AND due_at < now()),
                   count(*) FILTER (WHERE status = 'COMPLETED'),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - started_at)) FILTER (WHERE status = 'COMPLETED'),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - started_at)) FILTER (WHERE status = 'COMPLETED')
            FROM workflow_activities
            WHERE due_at IS NOT NULL
              AND (status = 'WAITING' OR (status = 'COMPLETED' AND completed_at >= now() - ? * interval '1 second'))
            GROUP BY 1, 2
            ORDER BY 1, 2
            """;

    /**
     * One handler's executions in the window.
     *
     * @param handler    handler name
     * @param source     {@code builtin} or {@code pluginId@version}
     * @param executions steps that ran it (each may have taken several attempts)
     * @param failures   steps that ended FAILED
     * @param retries    attempts beyond the first, over all its steps
     * @param p50Seconds median time from start to end of the automated steps that ended, or {@code null}
     * @param p95Seconds 95th percentile of the same, or {@code null}
     * @param maxSeconds the longest, or {@code null}
     */
    public record HandlerStats(String handler, String source, long executions, long failures, long retries, Double p50Seconds,
            Double p95Seconds, Double maxSeconds) {
    }

    /**
     * One manual activity's tasks for one role.
     *
     * @param activity      activity code
     * @param role          assignee role ({@code none} when the template names none)
     * @param waiting       tasks waiting now
     * @param overdue       waiting tasks past their due time
     * @param completed     tasks completed in the window
     * @param medianSeconds median time from opening to completion in the window, or {@code null}
     * @param p95Seconds    95th percentile of the same, or {@code null}
     */
    public record TaskStats(String activity, String role, long waiting, long overdue, long completed, Double medianSeconds, Double p95Seconds) {
    }

    private final DataSource dataSource;

    public StatsQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<HandlerStats> handlers(Duration since) {
        return query(HANDLERS, since, rs -> new HandlerStats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                number(rs, 6), number(rs, 7), number(rs, 8)));
    }

    public List<TaskStats> tasks(Duration since) {
        return query(TASKS, since, rs -> new TaskStats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                number(rs, 6), number(rs, 7)));
    }

    private <T> List<T> query(String sql, Duration since, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, since.toMillis() / 1000.0);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the run records' statistics: " + e.getMessage(), e);
        }
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
