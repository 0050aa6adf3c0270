package dev.cadre.platform.runs;

import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.engine.builtin.ManualActivityHandler;
import dev.cadre.platform.persistence.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The read side over the run records that the admin endpoint and the console share: workflow list and
 * detail, and the manual-task inbox. Read-only, one short statement each, always bounded by a limit or by one run, and shaped to
 * the indexes of V1__schema.sql ({@code ix_workflow_instances_status}, {@code ix_workflow_instances_template},
 * {@code ix_workflow_activities_inbox}, {@code uq_workflow_activity}).
 */
public final class RunQueries {

    /** The most rows a list returns, whatever the client asks. */
    public static final int MAX_LIMIT = 500;

    private final DataSource dataSource;

    public RunQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param status   a workflow status, or {@code null} for any
     * @param template a template code, or {@code null} for any
     * @param businessKey part of a business key (case-insensitive), or {@code null} for any
     * @param limit    at most this many, newest first
     */
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

    /** @return the run's row, with its internal id and template id for the detail query */
    public Optional<Map<String, Object>> workflow(String workflowId) {
        List<Map<String, Object>> rows = rows("""
                SELECT id, template_id, workflow_id AS "workflowId", run_id AS "runId", template_code AS "template",
                       template_version AS "version", business_key AS "businessKey", parameters::text AS parameters, status,
                       current_phase AS "currentPhase", error, started_at AS "startedAt", completed_at AS "completedAt",
                       updated_at AS "updatedAt"
                FROM workflow_instances WHERE workflow_id = ?""", workflowId);
        return rows.stream().findFirst();
    }

    /**
     * @param workflowId a run
     * @param activityCode a manual activity
     * @param instanceId its instance, or empty
     * @return the roles that may complete that task while it waits (its role and those it was escalated to); empty if it does not wait
     */
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

    /** @return the run's task events (deadline steps that fired), oldest first */
    public List<Map<String, Object>> taskEvents(long runId) {
        return rows("""
                SELECT activity_code AS "activityCode", instance_id AS "instanceId", event, role, due_at AS "dueAt", note,
                       occurred_at AS "occurredAt"
                FROM workflow_task_events WHERE workflow_instance_id = ? ORDER BY occurred_at, id""", runId);
    }

    /**
     * @param workflowId a run
     * @param roles      roles
     * @return whether the run has a waiting task for one of them
     */
    public boolean hasWaitingTaskFor(String workflowId, List<String> roles) {
        return !rows("""
                SELECT 1 FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.status = 'WAITING' AND (a.assignee_role = ANY (?) OR a.escalated_roles && ?::text[]) LIMIT 1""",
                workflowId, roles.toArray(String[]::new), roles.toArray(String[]::new)).isEmpty();
    }

    /** @return when and why the run was continued from its records, oldest first */
    public List<Map<String, Object>> resumptions(long runId) {
        return rows("""
                SELECT resumed_at AS "resumedAt", from_status AS "fromStatus", from_version AS "fromVersion",
                       to_version AS "toVersion", reason
                FROM workflow_resumptions WHERE workflow_instance_id = ? ORDER BY resumed_at, id""", runId);
    }

    /**
     * Every activity of the run's template, in phase and sequence order, each joined with its run records
     * (none yet, one, or one per fan-out instance).
     */
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

    /**
     * The manual-task inbox, oldest due first.
     *
     * @param status     the task status (WAITING for the inbox proper)
     * @param assignee   an assignee role, or {@code null} for any
     * @param roles      only tasks of one of these roles, or {@code null} for any
     * @param workflowId one workflow, or {@code null} for all
     * @param limit      at most this many
     */
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
