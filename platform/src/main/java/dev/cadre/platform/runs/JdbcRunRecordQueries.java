package dev.cadre.platform.runs;

import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.engine.builtin.ManualActivityHandler;
import dev.cadre.platform.persistence.DatabaseException;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
    public List<RunSummary> workflows(String status, String template, String businessKey, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY + " FROM workflow_instances WHERE 1 = 1");
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
        return rows(sql.toString(), JdbcRunRecordQueries::summary, parameters.toArray());
    }

    @Override
    public Optional<Run> workflow(String workflowId) {
        return rows("SELECT " + SUMMARY + ", id, template_id, parameters::text, updated_at FROM workflow_instances WHERE workflow_id = ?",
                rs -> new Run(rs.getLong(11), rs.getLong(12), summary(rs), rs.getString(13), instant(rs, 14)), workflowId)
                .stream().findFirst();
    }

    /** The columns of a {@link RunSummary}, in its order. */
    private static final String SUMMARY = "workflow_id, run_id, template_code, template_version, business_key, status, current_phase, "
            + "error, started_at, completed_at";

    private static RunSummary summary(ResultSet rs) throws SQLException {
        return new RunSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10));
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
    public List<WaitingTask> waitingTasks(String workflowId) {
        return rows("""
                SELECT w.template_code, w.template_version, a.activity_code, a.instance_id, a.assignee_role,
                       array_to_string(a.escalated_roles, ','), a.output ->> 'assignee', a.round
                FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.status = 'WAITING'
                ORDER BY a.id""",
                rs -> {
                    List<String> roles = new ArrayList<>();
                    roles.add(rs.getString(5) == null ? ManualActivityHandler.DEFAULT_ROLE : rs.getString(5));
                    String escalated = rs.getString(6);
                    if (escalated != null && !escalated.isEmpty()) {
                        roles.addAll(List.of(escalated.split(",")));
                    }
                    return new WaitingTask(workflowId, rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), List.copyOf(roles),
                            rs.getString(7), rs.getInt(8));
                }, workflowId);
    }

    @Override
    public List<TaskEvent> taskEvents(long runId) {
        return rows("""
                SELECT activity_code, instance_id, event, role, due_at, note, occurred_at
                FROM workflow_task_events WHERE workflow_instance_id = ? ORDER BY occurred_at, id""",
                rs -> new TaskEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5), rs.getString(6),
                        instant(rs, 7)), runId);
    }

    @Override
    public List<Resumption> resumptions(long runId) {
        return rows("""
                SELECT resumed_at, from_status, from_version, to_version, reason
                FROM workflow_resumptions WHERE workflow_instance_id = ? ORDER BY resumed_at, id""",
                rs -> new Resumption(instant(rs, 1), rs.getString(2), integer(rs, 3), integer(rs, 4), rs.getString(5)), runId);
    }

    @Override
    public RunExtent extent(long runId, int instancesUpTo) {
        return rows("""
                SELECT (SELECT count(*) FROM workflow_executions WHERE workflow_instance_id = ?),
                       (SELECT COALESCE(max(events), 0) FROM workflow_executions WHERE workflow_instance_id = ?),
                       (SELECT count(*) FROM workflow_resumptions WHERE workflow_instance_id = ?),
                       (SELECT count(*) FROM workflow_task_events WHERE workflow_instance_id = ?),
                       (SELECT count(*) FROM (SELECT 1 FROM workflow_activities
                                              WHERE workflow_instance_id = ? AND instance_id <> '' LIMIT ?) instances)""",
                rs -> new RunExtent(new RunHistory(rs.getInt(1), rs.getLong(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                runId, runId, runId, runId, runId, instancesUpTo).get(0);
    }

    /** The statuses of instances a person may need to look at: listed first when a run's detail lists a few. */
    private static final List<String> OPEN = List.of("FAILED", "WAITING", "RUNNING", "PENDING");
    private static final String OPEN_STATUSES = OPEN.stream().map(status -> "'" + status + "'").collect(Collectors.joining(", ", "(", ")"));

    @Override
    public List<StepRow> steps(long runId, Template template) {
        // the run's own records only, in the unique key's order (no join, no sort); the template's side is the cached snapshot
        Map<String, List<StepRecord>> byActivity = new HashMap<>();
        boolean reworked = false;
        for (StepRecord record : rows("""
                SELECT activity_code, instance_id, status, outcome, retry_count, last_error, handler_source, handler_sha256,
                       completed_by, comment, assignee_role, due_at, started_at, completed_at, round, rework_note
                FROM workflow_activities WHERE workflow_instance_id = ? ORDER BY activity_code, instance_id""",
                rs -> new StepRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), integer(rs, 5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), instant(rs, 12), instant(rs, 13),
                        instant(rs, 14), rs.getInt(15), rs.getString(16)), runId)) {
            byActivity.computeIfAbsent(record.code(), code -> new ArrayList<>()).add(record);
            reworked |= record.round() > 1;
        }
        Map<String, List<Round>> earlier = reworked ? earlierRounds(runId) : Map.of();
        List<StepRow> steps = new ArrayList<>();
        for (PhaseTemplate phase : template.phases()) {
            for (ActivityTemplate activity : phase.activities()) {
                List<StepRecord> records = byActivity.get(activity.code());
                if (records == null) {
                    steps.add(new StepRow(phase.name(), phase.order(), phase.executionMode().value(), activity.code(), activity.name(),
                            activity.type().name(), activity.manual(), activity.handler(), activity.executionMode().value(), null, null, null,
                            null, null, null, null, null, null, null, null, null, null));
                    continue;
                }
                for (StepRecord r : records) {
                    steps.add(new StepRow(phase.name(), phase.order(), phase.executionMode().value(), activity.code(), activity.name(),
                            activity.type().name(), activity.manual(), activity.handler(), activity.executionMode().value(), r.instanceId(),
                            r.status(), r.outcome(), r.retries(), r.lastError(), r.handlerSource(), r.handlerSha256(), r.completedBy(),
                            r.comment(), r.assigneeRole(), r.dueAt(), r.startedAt(), r.completedAt(), r.round(), r.reworkNote(),
                            earlier.getOrDefault(r.code() + '\u0000' + r.instanceId(), List.of())));
                }
            }
        }
        return steps;
    }

    /** One run record as {@link #steps(long, Template)} reads it. */
    private record StepRecord(String code, String instanceId, String status, String outcome, Integer retries, String lastError,
                              String handlerSource, String handlerSha256, String completedBy, String comment, String assigneeRole,
                              Instant dueAt, Instant startedAt, Instant completedAt, int round, String reworkNote) {
    }

    /** @return the run's steps' rounds before their current one, by activity code and instance key, oldest first */
    private Map<String, List<Round>> earlierRounds(long runId) {
        Map<String, List<Round>> earlier = new HashMap<>();
        rows("""
                SELECT a.activity_code, a.instance_id, k.round, k.status, k.outcome, k.completed_by, k.comment, k.rework_note, k.last_error,
                       k.started_at, k.completed_at
                FROM workflow_activity_rounds k JOIN workflow_activities a ON a.id = k.activity_id
                WHERE a.workflow_instance_id = ? ORDER BY k.activity_id, k.round""",
                rs -> earlier.computeIfAbsent(rs.getString(1) + '\u0000' + rs.getString(2), k -> new ArrayList<>()).add(new Round(rs.getInt(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                        instant(rs, 11))), runId);
        return earlier;
    }

    @Override
    public List<StepRow> steps(long runId, long templateId, int perActivity, Map<String, Map<String, Long>> counts) {
        Map<String, List<Round>> earlier = earlierRounds(runId);
        // where every instance ended, looking for those needing attention would read all of the activity's rows to find none
        String[] needingAttention = counts.entrySet().stream().filter(activity -> activity.getValue().keySet().stream().anyMatch(OPEN::contains))
                .map(Map.Entry::getKey).toArray(String[]::new);
        // per activity: those needing attention first (most urgent first), then the rest in instance order; both halves
        // are LIMITed walks of the (run, activity, instance) key, so a 100,000-instance run is never sorted whole
        String records = """
                LATERAL (SELECT * FROM (
                    (SELECT w.*, 0 AS later FROM workflow_activities w
                      WHERE a.activity_code = ANY (?) AND w.workflow_instance_id = ? AND w.activity_code = a.activity_code
                        AND w.status IN %1$s
                      ORDER BY CASE w.status WHEN 'FAILED' THEN 0 WHEN 'WAITING' THEN 1 WHEN 'RUNNING' THEN 2 ELSE 3 END, w.instance_id LIMIT ?)
                    UNION ALL
                    (SELECT w.*, 1 AS later FROM workflow_activities w
                      WHERE w.workflow_instance_id = ? AND w.activity_code = a.activity_code AND w.status NOT IN %1$s
                      ORDER BY w.instance_id LIMIT ?)) shown ORDER BY later, instance_id LIMIT ?) r ON true""".formatted(OPEN_STATUSES);
        Object[] parameters = {needingAttention, runId, perActivity, runId, perActivity, perActivity, templateId};
        return rows("""
                SELECT p.phase_name, p.phase_order, p.execution_mode AS phase_mode,
                       a.activity_code, a.activity_name, a.activity_type, a.is_manual, a.handler_name, a.execution_mode,
                       r.instance_id, r.status, r.outcome, r.retry_count, r.last_error, r.handler_source, r.handler_sha256,
                       r.completed_by, r.comment, r.assignee_role, r.due_at, r.started_at, r.completed_at, r.round, r.rework_note
                FROM workflow_activity_templates a
                JOIN workflow_phase_templates p ON p.id = a.phase_id
                LEFT JOIN %s
                WHERE a.template_id = ?
                ORDER BY p.phase_order, a.sequence_order, r.instance_id""".formatted(records),
                rs -> new StepRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), integer(rs, 13),
                        rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                        instant(rs, 20), instant(rs, 21), instant(rs, 22), rs.getInt(23) == 0 ? 1 : rs.getInt(23), rs.getString(24),
                        earlier.getOrDefault(rs.getString(4) + '\u0000' + rs.getString(10), List.of())), parameters);
    }

    @Override
    public Map<String, Map<String, Long>> instanceCounts(long runId) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        rows("SELECT activity_code, status, count(*) FROM workflow_activities WHERE workflow_instance_id = ? AND instance_id <> ''"
                        + " GROUP BY activity_code, status ORDER BY activity_code, status",
                rs -> counts.computeIfAbsent(rs.getString(1), code -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3)), runId);
        return counts;
    }

    @Override
    public List<TaskView> tasks(StepStatus status, String assignee, List<String> roles, String person, String workflowId, int limit) {
        // the status is an enum name, inlined so the planner can match the partial inbox index (WHERE status = 'WAITING')
        StringBuilder sql = new StringBuilder("""
                SELECT w.workflow_id, w.business_key, w.template_code, a.phase_name, a.activity_code, t.activity_name,
                       t.activity_type, a.instance_id, a.status, a.assignee_role, array_to_string(a.escalated_roles, ','),
                       a.due_at, a.started_at, a.outcome, a.completed_by, a.completed_at, a.output ->> 'assignee', c.claimed_by, c.claimed_at
                FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id
                JOIN workflow_activity_templates t ON t.id = a.activity_template_id
                LEFT JOIN workflow_task_claims c ON c.workflow_id = w.workflow_id AND c.activity_code = a.activity_code
                     AND c.instance_id = a.instance_id AND a.status = 'WAITING'
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
            if (person != null) {
                sql.append(" AND (a.output ->> 'assignee' IS NULL OR a.output ->> 'assignee' = ? OR a.escalated_roles && ?::text[])");
                parameters.add(person);
                parameters.add(roles.toArray(String[]::new));
            }
        }
        if (workflowId != null) {
            sql.append(" AND w.workflow_id = ?");
            parameters.add(workflowId);
        }
        sql.append(" ORDER BY a.due_at NULLS LAST, a.id LIMIT ?");
        parameters.add(Math.min(limit, MAX_LIMIT));
        return rows(sql.toString(), rs -> new TaskView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), instant(rs, 12),
                instant(rs, 13), rs.getString(14), rs.getString(15), instant(rs, 16), rs.getString(17), rs.getString(18), instant(rs, 19)), parameters.toArray());
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

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp time = rs.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private <T> List<T> rows(String sql, RowReader<T> reader, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException("run query failed: " + e.getMessage(), e);
        }
    }
}
