package dev.cadre.platform.runs;

import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.engine.builtin.ManualActivityHandler;
import dev.cadre.platform.persistence.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The run records' read side in SQL: one short statement each, always bounded by a limit, one run or a
 * time window, and shaped to the indexes of the schema ({@code ix_workflow_instances_status},
 * {@code ix_workflow_instances_template}, {@code ix_workflow_activities_inbox}, {@code uq_workflow_activity};
 * the V5 indexes for the statistics, whose percentiles are computed in SQL). Automated steps are those
 * without a due time; manual ones have one.
 */
public final class JdbcRunRecordQueries implements RunRecordQueries {

    /** Per handler and source over a window (its one parameter, in seconds). */
    public static final String HANDLER_STATS = """
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

    /** Per manual activity and role over a window (its one parameter, in seconds). */
    public static final String TASK_STATS = """
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

    private final DataSource dataSource;
    private final RunRecords records;

    /**
     * @param dataSource the host database
     * @param records    the run records the engine writes: a run's identity and outputs come from them,
     *                   so that outputs are read by one rule
     */
    public JdbcRunRecordQueries(DataSource dataSource, RunRecords records) {
        this.dataSource = dataSource;
        this.records = records;
    }

    @Override
    public List<Map<String, Object>> workflows(String status, String template, String businessKey, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT workflow_id AS "workflowId", run_id AS "runId", template_code AS "template",
                       template_version AS "version", business_key AS "businessKey", status, current_phase AS "currentPhase",
                       error, started_at AS "startedAt", completed_at AS "completedAt"
                FROM workflow_instances WHERE 1 = 1""");
        List<Object> parameters = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            parameters.add(status);
        }
        if (template != null) {
            sql.append(" AND template_code = ?");
            parameters.add(template);
        }
        if (businessKey != null) {
            sql.append(" AND business_key ILIKE ? ESCAPE '\\'");
            parameters.add("%" + businessKey.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        parameters.add(Math.min(limit, MAX_LIMIT));
        return rows(sql.toString(), parameters.toArray());
    }

    @Override
    public Optional<Map<String, Object>> workflow(String workflowId) {
        List<Map<String, Object>> rows = rows("""
                SELECT id, template_id, workflow_id AS "workflowId", run_id AS "runId", template_code AS "template",
                       template_version AS "version", business_key AS "businessKey", parameters::text AS parameters, status,
                       current_phase AS "currentPhase", error, started_at AS "startedAt", completed_at AS "completedAt",
                       updated_at AS "updatedAt"
                FROM workflow_instances WHERE workflow_id = ?""", workflowId);
        return rows.stream().findFirst();
    }

    @Override
    public Optional<Long> runId(String workflowId) {
        return records.run(workflowId).map(RunRecords.RunInfo::id);
    }

    @Override
    public Map<String, Object> outputs(long runId) {
        return records.outputs(runId);
    }

    @Override
    public List<String> waitingTaskRoles(String workflowId, String activityCode, String instanceId) {
        return rows("""
                SELECT a.assignee_role, array_to_string(a.escalated_roles, ',') AS escalated
                FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = ? AND a.instance_id = ? AND a.status = 'WAITING'""",
                workflowId, activityCode, instanceId == null ? "" : instanceId).stream()
                .flatMap(r -> {
                    List<String> roles = new ArrayList<>();
                    roles.add(r.get("assignee_role") == null ? ManualActivityHandler.DEFAULT_ROLE : (String) r.get("assignee_role"));
                    String escalated = (String) r.get("escalated");
                    if (escalated != null && !escalated.isEmpty()) {
                        roles.addAll(List.of(escalated.split(",")));
                    }
                    return roles.stream();
                }).toList();
    }

    @Override
    public List<Map<String, Object>> taskEvents(long runId) {
        return rows("""
                SELECT activity_code AS "activityCode", instance_id AS "instanceId", event, role, due_at AS "dueAt", note,
                       occurred_at AS "occurredAt"
                FROM workflow_task_events WHERE workflow_instance_id = ? ORDER BY occurred_at, id""", runId);
    }

    @Override
    public boolean hasWaitingTaskFor(String workflowId, List<String> roles) {
        return !rows("""
                SELECT 1 FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.status = 'WAITING' AND (a.assignee_role = ANY (?) OR a.escalated_roles && ?::text[]) LIMIT 1""",
                workflowId, roles.toArray(String[]::new), roles.toArray(String[]::new)).isEmpty();
    }

    @Override
    public List<Map<String, Object>> resumptions(long runId) {
        return rows("""
                SELECT resumed_at AS "resumedAt", from_status AS "fromStatus", from_version AS "fromVersion",
                       to_version AS "toVersion", reason
                FROM workflow_resumptions WHERE workflow_instance_id = ? ORDER BY resumed_at, id""", runId);
    }

    @Override
    public RunHistory history(long runId) {
        Map<String, Object> counts = rows("""
                SELECT count(*) AS executions, COALESCE(max(events), 0) AS max_events
                FROM workflow_executions WHERE workflow_instance_id = ?""", runId).get(0);
        return new RunHistory(((Number) counts.get("executions")).intValue(), ((Number) counts.get("max_events")).longValue());
    }

    @Override
    public List<Map<String, Object>> steps(long runId, long templateId) {
        return rows("""
                SELECT p.phase_name, p.phase_order, p.execution_mode AS phase_mode,
                       a.activity_code, a.activity_name, a.activity_type, a.is_manual, a.handler_name, a.execution_mode,
                       r.instance_id, r.status, r.outcome, r.retry_count, r.last_error, r.handler_source, r.handler_sha256,
                       r.completed_by, r.comment, r.assignee_role, r.due_at, r.started_at, r.completed_at
                FROM workflow_activity_templates a
                JOIN workflow_phase_templates p ON p.id = a.phase_id
                LEFT JOIN workflow_activities r ON r.workflow_instance_id = ? AND r.activity_code = a.activity_code
                WHERE a.template_id = ?
                ORDER BY p.phase_order, a.sequence_order, r.instance_id""", runId, templateId);
    }

    @Override
    public List<Map<String, Object>> tasks(StepStatus status, String assignee, List<String> roles, String workflowId, int limit) {
        // the status is an enum name, inlined so the planner can match the partial inbox index (WHERE status = 'WAITING')
        StringBuilder sql = new StringBuilder("""
                SELECT w.workflow_id AS "workflowId", w.business_key AS "businessKey", w.template_code AS "template",
                       a.phase_name AS "phase", a.activity_code AS "activityCode", t.activity_name AS "activityName",
                       t.activity_type AS "activityType", a.instance_id AS "instanceId", a.status, a.assignee_role AS "assigneeRole", array_to_string(a.escalated_roles, ',') AS "escalatedTo",
                       a.due_at AS "dueAt", a.started_at AS "startedAt", a.outcome, a.completed_by AS "completedBy",
                       a.completed_at AS "completedAt"
                FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id
                JOIN workflow_activity_templates t ON t.id = a.activity_template_id
                WHERE t.is_manual AND a.status = '""").append(status.name()).append('\'');
        List<Object> parameters = new ArrayList<>();
        if (assignee != null) {
            sql.append(" AND a.assignee_role = ?");
            parameters.add(assignee);
        }
        if (roles != null) {
            sql.append(" AND (a.assignee_role = ANY (?) OR a.escalated_roles && ?::text[])");
            parameters.add(roles.toArray(String[]::new));
            parameters.add(roles.toArray(String[]::new));
        }
        if (workflowId != null) {
            sql.append(" AND w.workflow_id = ?");
            parameters.add(workflowId);
        }
        sql.append(" ORDER BY a.due_at NULLS LAST, a.id LIMIT ?");
        parameters.add(Math.min(limit, MAX_LIMIT));
        return rows(sql.toString(), parameters.toArray());
    }

    @Override
    public List<HandlerStats> handlerStats(Duration since) {
        return window(HANDLER_STATS, since, rs -> new HandlerStats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), number(rs, 6), number(rs, 7), number(rs, 8)));
    }

    @Override
    public List<TaskStats> taskStats(Duration since) {
        return window(TASK_STATS, since, rs -> new TaskStats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                number(rs, 6), number(rs, 7)));
    }

    private <T> List<T> window(String sql, Duration since, RowReader<T> reader) {
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

    private List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = rs.getObject(c);
                        row.put(meta.getColumnLabel(c), value instanceof Timestamp time ? time.toInstant() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException("run query failed: " + e.getMessage(), e);
        }
    }
}
