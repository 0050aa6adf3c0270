package dev.cadre.platform.engine;

import dev.cadre.platform.persistence.Jdbc;
import dev.cadre.platform.persistence.Json;
import dev.cadre.plugin.api.RunStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link RunRecords} in PostgreSQL: writes {@code workflow_instances} and {@code workflow_activities}. Activities run at least once, so
 * every write is an upsert keyed on the workflow id and (activity code, instance id): a retried or
 * redelivered execution updates its row, never duplicates it. Each call is one short transaction; a step's
 * carried writes go in one JDBC batch (one round trip), so an automated step costs a batch and a commit.
 */
public final class JdbcRunRecords implements RunRecords {

    /**
     * One state change of a step. The workflow is the only writer, so writes arrive in order; the
     * WHERE clause still keeps a record from moving backwards (an ended step stays ended, except that
     * a completed one may be compensated or annotated), so no replayed or stray write can undo it. A compensated
     * step keeps the time it completed, so what it took is its own work, not the wait until the rollback.
     */
    private static final String UPSERT_STEP = """
            INSERT INTO workflow_activities (workflow_instance_id, activity_template_id, activity_code, phase_name,
                instance_id, parent_activity_id, execution_mode, status, handler_name, handler_source, handler_sha256,
                retry_count, last_attempt, last_error, outcome, completed_by, comment, assignee_role, due_at, output,
                started_at, completed_at, updated_at)
            SELECT w.id, a.id, a.activity_code, p.phase_name, ?,
                (SELECT pa.id FROM workflow_activities pa
                  WHERE pa.workflow_instance_id = w.id AND pa.activity_code = ? AND pa.instance_id = ?),
                a.execution_mode, ?, a.handler_name, ?, ?, GREATEST(COALESCE(?, 1) - 1, 0), ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb),
                CASE WHEN ? IN ('RUNNING', 'WAITING') THEN now() END,
                CASE WHEN ? IN ('COMPLETED', 'FAILED', 'SKIPPED', 'COMPENSATED', 'CANCELLED') THEN now() END,
                now()
            FROM workflow_instances w
            JOIN workflow_activity_templates a ON a.template_id = w.template_id AND a.activity_code = ?
            JOIN workflow_phase_templates p ON p.id = a.phase_id
            WHERE w.workflow_id = ?
            ON CONFLICT (workflow_instance_id, activity_code, instance_id) DO UPDATE SET
                status = EXCLUDED.status,
                parent_activity_id = COALESCE(workflow_activities.parent_activity_id, EXCLUDED.parent_activity_id),
                handler_source = COALESCE(EXCLUDED.handler_source, workflow_activities.handler_source),
                handler_sha256 = CASE WHEN EXCLUDED.handler_source IS NULL THEN workflow_activities.handler_sha256
                                      ELSE EXCLUDED.handler_sha256 END,
                retry_count = CASE WHEN EXCLUDED.last_attempt IS NULL THEN workflow_activities.retry_count
                                   ELSE EXCLUDED.retry_count END,
                last_attempt = COALESCE(EXCLUDED.last_attempt, workflow_activities.last_attempt),
                last_error = CASE WHEN EXCLUDED.status = 'COMPLETED' AND EXCLUDED.last_error IS NULL
                                       AND (workflow_activities.last_error LIKE 'HandlerNotFound%'
                                            OR workflow_activities.last_error LIKE 'waiting for a host%') THEN NULL
                                  ELSE COALESCE(EXCLUDED.last_error, workflow_activities.last_error) END,
                outcome = COALESCE(EXCLUDED.outcome, workflow_activities.outcome),
                completed_by = COALESCE(EXCLUDED.completed_by, workflow_activities.completed_by),
                comment = COALESCE(EXCLUDED.comment, workflow_activities.comment),
                assignee_role = COALESCE(EXCLUDED.assignee_role, workflow_activities.assignee_role),
                due_at = COALESCE(EXCLUDED.due_at, workflow_activities.due_at),
                output = COALESCE(EXCLUDED.output, workflow_activities.output),
                started_at = COALESCE(workflow_activities.started_at, EXCLUDED.started_at),
                completed_at = CASE WHEN workflow_activities.status = EXCLUDED.status
                                         OR (workflow_activities.status = 'COMPLETED' AND EXCLUDED.status = 'COMPENSATED')
                                    THEN workflow_activities.completed_at
                                    ELSE EXCLUDED.completed_at END,
                updated_at = now()
            WHERE workflow_activities.status IN ('PENDING', 'RUNNING', 'WAITING')
               OR (workflow_activities.status = 'COMPLETED' AND EXCLUDED.status IN ('COMPLETED', 'COMPENSATED'))
            """;

    /**
     * A step's new round: its record as the earlier round ended is kept in {@code workflow_activity_rounds}.
     * Guarded by the round, so a repeated write keeps nothing twice.
     */
    private static final String KEEP_ROUND = """
            INSERT INTO workflow_activity_rounds (activity_id, round, status, outcome, completed_by, comment, rework_note, last_error,
                handler_source, output, started_at, completed_at)
            SELECT a.id, a.round, a.status, a.outcome, a.completed_by, a.comment, a.rework_note, a.last_error, a.handler_source, a.output,
                   a.started_at, a.completed_at
            FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
            WHERE w.workflow_id = ? AND a.activity_code = ? AND a.instance_id = ? AND a.round < ?
            ON CONFLICT (activity_id, round) DO NOTHING
            """;

    /** Then the record starts over in the new round, PENDING, with why it runs again. */
    private static final String START_ROUND = """
            UPDATE workflow_activities a SET round = ?, rework_note = ?, status = 'PENDING', outcome = NULL, completed_by = NULL,
                comment = NULL, output = NULL, last_error = NULL, due_at = NULL, started_at = NULL, completed_at = NULL, updated_at = now()
            FROM workflow_instances w
            WHERE w.id = a.workflow_instance_id AND w.workflow_id = ? AND a.activity_code = ? AND a.instance_id = ? AND a.round < ?
            RETURNING w.template_code
            """;

    /** A manual step's state before a person's completion is written: only a WAITING task's completion is reported. */
    private static final String TASK_BEFORE_COMPLETION = """
            SELECT a.status, EXTRACT(EPOCH FROM now() - a.started_at)
            FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
            WHERE w.workflow_id = ? AND a.activity_code = ? AND a.instance_id = ?
            FOR UPDATE OF a
            """;

    private final DataSource dataSource;
    private final Json json;
    private final RunEvents events;

    /**
     * @param dataSource the host database
     * @param json       the JSON codec
     * @param events     told of the state changes the writes made, after they are committed
     */
    public JdbcRunRecords(DataSource dataSource, Json json, RunEvents events) {
        this.dataSource = dataSource;
        this.json = json;
        this.events = events;
    }

    @Override
    public void workflowStarted(WorkflowStart start) {
        String sql = """
                INSERT INTO workflow_instances (workflow_id, run_id, template_id, template_code, template_version,
                    business_key, parameters, status)
                SELECT ?, ?, t.id, t.code, t.version, ?, CAST(? AS jsonb), 'RUNNING'
                FROM workflow_templates t WHERE t.code = ? AND t.version = ?
                ON CONFLICT (workflow_id) DO UPDATE SET run_id = EXCLUDED.run_id, updated_at = now()
                RETURNING (xmax = 0)
                """;
        Boolean inserted = inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bindAll(statement, start.workflowId(), start.runId(), start.businessKey(), json.write(start.parameters()),
                        start.template(), start.version());
                Boolean fresh;
                try (ResultSet rs = statement.executeQuery()) {
                    fresh = rs.next() ? rs.getBoolean(1) : null;
                }
                // this execution counts towards the run's history counts from its start
                execute(connection, """
                        INSERT INTO workflow_executions (workflow_instance_id, execution_id)
                        SELECT id, ? FROM workflow_instances WHERE workflow_id = ? ON CONFLICT DO NOTHING
                        """, start.runId(), start.workflowId());
                return fresh;
            }
        });
        if (inserted == null) {
            throw new IllegalStateException("template " + start.template() + " v" + start.version() + " does not exist");
        }
        if (inserted) {
            events.workflowStarted(start.template());
        }
    }

    @Override
    public void executionEnded(String workflowId, String executionId, long events) {
        inTransaction(connection -> execute(connection, """
                INSERT INTO workflow_executions (workflow_instance_id, execution_id, events, ended_at)
                SELECT id, ?, ?, now() FROM workflow_instances WHERE workflow_id = ?
                ON CONFLICT (workflow_instance_id, execution_id) DO UPDATE
                    SET events = GREATEST(workflow_executions.events, EXCLUDED.events), ended_at = EXCLUDED.ended_at
                """, executionId, (int) Math.min(Integer.MAX_VALUE, events), workflowId));
    }

    @Override
    public void workflowEnded(String workflowId, String status, String error) {
        String endedTemplate = inTransaction(connection -> {
            String running = null;
            try (PreparedStatement before = connection.prepareStatement(
                    "SELECT template_code FROM workflow_instances WHERE workflow_id = ? AND status = 'RUNNING' FOR UPDATE")) {
                before.setString(1, workflowId);
                try (ResultSet rs = before.executeQuery()) {
                    running = rs.next() ? rs.getString(1) : null;
                }
            }
            execute(connection, """
                    UPDATE workflow_activities SET status = 'CANCELLED', completed_at = now(), updated_at = now()
                    WHERE workflow_instance_id = (SELECT id FROM workflow_instances WHERE workflow_id = ?)
                      AND status IN ('PENDING', 'RUNNING', 'WAITING')
                    """, workflowId);
            execute(connection, """
                    UPDATE workflow_instances SET status = ?, error = ?, completed_at = now(), updated_at = now(),
                        current_phase = CASE WHEN ? = 'COMPLETED' THEN NULL ELSE current_phase END
                    WHERE workflow_id = ?
                    """, status, error, status, workflowId);
            return running;
        });
        if (endedTemplate != null) {
            events.workflowEnded(endedTemplate, status);
        }
    }

    @Override
    public void recordSteps(String workflowId, StepChanges changes) {
        if (changes.nothingToApply()) {
            return;
        }
        List<String[]> rounds = new ArrayList<>();
        Map<StepKey, Duration> completedTasks = inTransaction(connection -> {
            if (changes.phase() != null) {
                execute(connection, "UPDATE workflow_instances SET current_phase = ?, updated_at = now() WHERE workflow_id = ?",
                        changes.phase(), workflowId);
            }
            Map<StepKey, Duration> waits = new LinkedHashMap<>();
            boolean plainWrites = changes.writes().stream().noneMatch(write -> completesTask(write) || write.rework() != null);
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_STEP)) {
                if (plainWrites) {
                    // the hot path (an automated step's RUNNING with the write that ended the step before it): one round trip
                    for (StepWrite write : changes.writes()) {
                        bind(statement, workflowId, write);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    return waits;
                }
                for (StepWrite write : changes.writes()) {
                    if (write.rework() != null) {
                        startRound(connection, workflowId, write).ifPresent(rounds::add);
                    }
                    if (completesTask(write)) {
                        waitingFor(connection, workflowId, write.step()).ifPresent(waited -> waits.put(write.step(), waited));
                    }
                    bind(statement, workflowId, write);
                    statement.executeUpdate();
                }
            }
            return waits;
        });
        completedTasks.forEach((step, waited) -> events.taskCompleted(step.activityCode(), waited));
        rounds.forEach(round -> events.reworkRound(round[0], round[1]));
        for (StepWrite write : changes.writes()) {
            if (write.status() == StepStatus.PENDING && write.error() != null && write.error().startsWith(StepRouting.WAITING_FOR_HOST)) {
                events.waitingForHost(write.error().substring(StepRouting.WAITING_FOR_HOST.length()));
            }
        }
    }

    /** A person's completion: its wait is measured from the task's record before it is written. */
    private static boolean completesTask(StepWrite write) {
        return write.status() == StepStatus.COMPLETED && write.outcome() != null;
    }

    /**
     * Keeps a step's earlier round and starts its record over.
     *
     * @return the template code and the sending step, when this was the round's first step and had not started it yet (to count)
     */
    private static Optional<String[]> startRound(Connection connection, String workflowId, StepWrite write) throws SQLException {
        StepKey step = write.step();
        int round = write.rework().round();
        try (PreparedStatement keep = connection.prepareStatement(KEEP_ROUND)) {
            bindAll(keep, workflowId, step.activityCode(), step.instanceKey(), round);
            keep.executeUpdate();
        }
        try (PreparedStatement start = connection.prepareStatement(START_ROUND)) {
            bindAll(start, round, write.rework().note(), workflowId, step.activityCode(), step.instanceKey(), round);
            try (ResultSet rs = start.executeQuery()) {
                return rs.next() && write.rework().first()
                        ? Optional.of(new String[] {rs.getString(1), write.rework().sentBy()}) : Optional.empty();
            }
        }
    }

    /** @return how long a task has been open, if it is WAITING (locked until the completion is written) */
    private static Optional<Duration> waitingFor(Connection connection, String workflowId, StepKey step) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TASK_BEFORE_COMPLETION)) {
            bindAll(statement, workflowId, step.activityCode(), step.instanceKey());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || !"WAITING".equals(rs.getString(1)) || rs.getBigDecimal(2) == null) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofNanos(rs.getBigDecimal(2).movePointRight(9).longValue()));
            }
        }
    }

    private void bind(PreparedStatement statement, String workflowId, StepWrite write) throws SQLException {
        int i = 0;
        StepKey parent = write.parent();
        statement.setString(++i, write.step().instanceKey());
        statement.setString(++i, parent == null ? null : parent.activityCode());
        statement.setString(++i, parent == null ? null : parent.instanceKey());
        statement.setString(++i, write.status().name());
        statement.setString(++i, write.handlerSource());
        statement.setString(++i, write.handlerSha256());
        setInteger(statement, ++i, write.attempt());
        setInteger(statement, ++i, write.attempt());
        statement.setString(++i, write.error());
        statement.setString(++i, write.outcome() == null ? null : write.outcome().name());
        statement.setString(++i, write.completedBy());
        statement.setString(++i, write.comment());
        statement.setString(++i, write.assigneeRole());
        statement.setTimestamp(++i, write.dueAt() == null ? null : Timestamp.from(write.dueAt()));
        statement.setString(++i, write.output() == null ? null : json.write(write.output()));
        statement.setString(++i, write.status().name());
        statement.setString(++i, write.status().name());
        statement.setString(++i, write.step().activityCode());
        statement.setString(++i, workflowId);
    }

    @Override
    public List<RecordedStep> recordedSteps(String workflowId) {
        return recordedSteps(workflowId, null);
    }

    @Override
    public List<RecordedStep> recordedSteps(String workflowId, List<String> instanceKeys) {
        return inTransaction(connection -> {
            List<RecordedStep> steps = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT a.activity_code, a.instance_id, a.status, a.output::text, a.outcome, a.completed_by, a.comment,
                           a.assignee_role, a.due_at, a.last_error, a.round
                    FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                    WHERE w.workflow_id = ? AND (?::text[] IS NULL OR a.instance_id = ANY(?::text[])) ORDER BY a.id
                    """)) {
                statement.setString(1, workflowId);
                java.sql.Array keys = instanceKeys == null ? null : connection.createArrayOf("text", instanceKeys.toArray());
                statement.setArray(2, keys);
                statement.setArray(3, keys);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String output = rs.getString(4);
                        Timestamp due = rs.getTimestamp(9);
                        steps.add(new RecordedStep(rs.getString(1), rs.getString(2), StepStatus.valueOf(rs.getString(3)),
                                output == null ? null : json.readMap(output), rs.getString(5) == null ? null : Outcome.valueOf(rs.getString(5)),
                                rs.getString(6), rs.getString(7), rs.getString(8), due == null ? 0 : due.getTime(), rs.getString(10), rs.getInt(11)));
                    }
                }
            }
            return steps;
        });
    }

    @Override
    public void taskEvent(String workflowId, TaskEvent event) {
        inTransaction(connection -> {
            execute(connection, """
                    INSERT INTO workflow_task_events (workflow_instance_id, activity_code, instance_id, event, role, due_at, note)
                    SELECT id, ?, ?, ?, ?, ?, ? FROM workflow_instances WHERE workflow_id = ?
                    """, event.step().activityCode(), event.step().instanceKey(), event.event(), event.role(),
                    event.dueAtMillis() == 0 ? null : new Timestamp(event.dueAtMillis()), event.note(), workflowId);
            String change = switch (event.event()) {
                case "reassign" -> "assignee_role = ?";
                case "escalate" -> "escalated_roles = CASE WHEN ? = ANY (escalated_roles) THEN escalated_roles ELSE escalated_roles || ?::text END";
                default -> null;
            };
            if (change != null) {
                String sql = "UPDATE workflow_activities SET " + change + ", updated_at = now() "
                        + "WHERE workflow_instance_id = (SELECT id FROM workflow_instances WHERE workflow_id = ?) "
                        + "AND activity_code = ? AND instance_id = ? AND status = 'WAITING'";
                if (event.event().equals("reassign")) {
                    execute(connection, sql, event.role(), workflowId, event.step().activityCode(), event.step().instanceKey());
                } else {
                    execute(connection, sql, event.role(), event.role(), workflowId, event.step().activityCode(), event.step().instanceKey());
                }
            }
            return null;
        });
    }

    @Override
    public List<String> runningWorkflowIds() {
        return inTransaction(connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT workflow_id FROM workflow_instances WHERE status = 'RUNNING' ORDER BY started_at");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    @Override
    public Optional<RunStatus> status(String workflowId) {
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT status, template_code, template_version, business_key, parameters::text
                    FROM workflow_instances WHERE workflow_id = ?
                    """)) {
                statement.setString(1, workflowId);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new RunStatus(workflowId, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                    json.readMap(rs.getString(5))))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean resumed(String workflowId, int templateVersion, String reason, Duration unlessResumedWithin) {
        return inTransaction(connection -> {
            // the run's row is the claim: hosts reconciling at the same moment continue a run once
            try (PreparedStatement claim = connection.prepareStatement("""
                    SELECT w.id, (SELECT max(r.resumed_at) FROM workflow_resumptions r WHERE r.workflow_instance_id = w.id) > now() - ?::interval
                    FROM workflow_instances w WHERE w.workflow_id = ? FOR UPDATE""")) {
                claim.setString(1, unlessResumedWithin.toMillis() + " milliseconds");
                claim.setString(2, workflowId);
                try (ResultSet rs = claim.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(2)) {
                        return false;
                    }
                }
            }
            // steps that did not end well run again; completed, skipped and waiting ones are continued from
            execute(connection, """
                    UPDATE workflow_activities SET status = 'PENDING', completed_at = NULL, updated_at = now()
                    WHERE workflow_instance_id = (SELECT id FROM workflow_instances WHERE workflow_id = ?)
                      AND status IN ('RUNNING', 'FAILED', 'CANCELLED', 'COMPENSATED')
                    """, workflowId);
            execute(connection, """
                    INSERT INTO workflow_resumptions (workflow_instance_id, from_status, from_version, to_version, reason)
                    SELECT id, status, template_version, ?, ? FROM workflow_instances WHERE workflow_id = ?
                    """, templateVersion, reason, workflowId);
            execute(connection, """
                    UPDATE workflow_instances w SET status = 'RUNNING', error = NULL, completed_at = NULL, updated_at = now(),
                        template_version = t.version, template_id = t.id
                    FROM workflow_templates t
                    WHERE w.workflow_id = ? AND t.code = w.template_code AND t.version = ?
                    """, workflowId, templateVersion);
            // on another version: steps whose code it lacks go (only unfinished ones can: migration checks the rest),
            // the others point at that version's activities
            execute(connection, """
                    DELETE FROM workflow_activities a USING workflow_instances w
                    WHERE w.workflow_id = ? AND a.workflow_instance_id = w.id
                      AND NOT EXISTS (SELECT 1 FROM workflow_activity_templates t
                                      WHERE t.template_id = w.template_id AND t.activity_code = a.activity_code)
                    """, workflowId);
            execute(connection, """
                    UPDATE workflow_activities a SET activity_template_id = t.id, phase_name = p.phase_name,
                        execution_mode = t.execution_mode, handler_name = t.handler_name
                    FROM workflow_instances w, workflow_activity_templates t, workflow_phase_templates p
                    WHERE w.workflow_id = ? AND a.workflow_instance_id = w.id AND t.template_id = w.template_id
                      AND t.activity_code = a.activity_code AND p.id = t.phase_id AND a.activity_template_id <> t.id
                    """, workflowId);
            return true;
        });
    }

    @Override
    public Optional<RunInfo> run(String workflowId) {
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT id, template_id, template_code, template_version, business_key, parameters::text
                    FROM workflow_instances WHERE workflow_id = ?
                    """)) {
                statement.setString(1, workflowId);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RunInfo(workflowId, rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), json.readMap(rs.getString(6))));
                }
            }
        });
    }

    @Override
    public List<RunStep> trail(long runId) {
        return inTransaction(connection -> {
            List<RunStep> steps = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT a.activity_code, t.activity_name, t.activity_type, t.is_manual, a.phase_name, a.instance_id,
                           COALESCE(r.status, a.status), CASE WHEN r.id IS NULL THEN a.outcome ELSE r.outcome END,
                           CASE WHEN r.id IS NULL THEN a.completed_by ELSE r.completed_by END,
                           CASE WHEN r.id IS NULL THEN a.completed_at ELSE r.completed_at END,
                           CASE WHEN r.id IS NULL THEN a.comment ELSE r.comment END,
                           CASE WHEN r.id IS NULL THEN a.handler_source ELSE r.handler_source END, COALESCE(r.round, a.round)
                    FROM workflow_activities a JOIN workflow_activity_templates t ON t.id = a.activity_template_id
                    LEFT JOIN LATERAL (SELECT NULL::bigint AS id, NULL::int AS round, NULL AS status, NULL AS outcome, NULL AS completed_by,
                                              NULL::timestamptz AS completed_at, NULL AS comment, NULL AS handler_source
                                       UNION ALL
                                       SELECT k.id, k.round, k.status, k.outcome, k.completed_by, k.completed_at, k.comment, k.handler_source
                                       FROM workflow_activity_rounds k WHERE k.activity_id = a.id) r ON true
                    WHERE a.workflow_instance_id = ? ORDER BY a.id, COALESCE(r.round, a.round)
                    """)) {
                // each step's earlier rounds (kept in workflow_activity_rounds), then its current one
                statement.setLong(1, runId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Timestamp completed = rs.getTimestamp(10);
                        steps.add(new RunStep(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                completed == null ? null : completed.toInstant().toString(), rs.getString(11), rs.getString(12), rs.getInt(13)));
                    }
                }
            }
            return steps;
        });
    }

    @Override
    public Map<String, Object> outputs(long runId) {
        return inTransaction(connection -> {
            VisibleOutputs outputs = new VisibleOutputs();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT activity_code, instance_id, execution_mode, output::text FROM workflow_activities
                    WHERE workflow_instance_id = ? AND status = 'COMPLETED' AND output IS NOT NULL ORDER BY id
                    """)) {
                statement.setLong(1, runId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        outputs.add(rs.getString(1), rs.getString(2), "parallel".equals(rs.getString(3)), json.readMap(rs.getString(4)));
                    }
                }
            }
            return outputs.asMap();
        });
    }

    private static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindAll(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static void bindAll(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private <T> T inTransaction(Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, "run record write", work);
    }
}
