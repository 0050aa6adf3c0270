package dev.cadre.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.persistence.Jdbc;
import dev.cadre.platform.runs.TaskCompletion;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.cadre.platform.plugins.PluginInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own audit log: who changed plugins, templates, users, roles and tokens, who signed in,
 * who started, cancelled, resumed or migrated runs, replaced artifacts or completed someone else's task.
 * Rows go to {@code audit_events}, which the database keeps append-only (a trigger refuses UPDATE,
 * DELETE and TRUNCATE for every role; see migration V11). An event is written after the change it
 * describes succeeded; a failure to write it fails the request, so a change is never silently unrecorded.
 */
public final class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_TARGET = 500;
    private static final int MAX_NAME = 200;

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    /**
     * @param dataSource the host database
     * @param mapper     writes before/after states as JSON
     */
    public AuditLog(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /**
     * Records a change.
     *
     * @param actor  who did it
     * @param action what was done
     * @param target what it was done to, e.g. {@code plugin:evidence}
     * @param before the relevant state before (anything Jackson writes), or {@code null}
     * @param after  the relevant state after, or {@code null}
     */
    public void record(Actor actor, AuditAction action, String target, Object before, Object after) {
        record(actor, action, target, before, after, false);
    }

    /**
     * Records a change, marked when someone acted for another person.
     *
     * @param actor    who did it
     * @param action   what was done
     * @param target   what it was done to
     * @param before   the relevant state before, or {@code null}
     * @param after    the relevant state after, or {@code null}
     * @param override whether the actor acted for someone else (an admin's override)
     */
    public void record(Actor actor, AuditAction action, String target, Object before, Object after, boolean override) {
        String beforeJson = json(before);
        String afterJson = json(after);
        Jdbc.inTransaction(dataSource, "audit event " + action, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO audit_events (actor, action, target, before, after, client, override)
                    VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""")) {
                statement.setString(1, clip(actor.name(), MAX_NAME));
                statement.setString(2, action.code());
                statement.setString(3, clip(target, MAX_TARGET));
                statement.setString(4, beforeJson);
                statement.setString(5, afterJson);
                statement.setString(6, clip(actor.client(), MAX_NAME));
                statement.setBoolean(7, override);
                statement.executeUpdate();
            }
            return null;
        });
        log.debug("Audit: {} {} {}{}", actor.name(), action.code(), target, override ? " (override)" : "");
    }

    /**
     * An operator's change to a run (start aside): the API and the console record it through here, so
     * both write one shape.
     *
     * @param versionBefore the run's template version before a migration, null otherwise
     * @param after         name, value pairs; a null value is left out (and no pair left means no after)
     */
    public void recordRunChange(Actor actor, AuditAction action, String workflowId, Integer versionBefore, Object... after) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (int i = 0; i + 1 < after.length; i += 2) {
            if (after[i + 1] != null) {
                state.put((String) after[i], after[i + 1]);
            }
        }
        record(actor, action, "workflow:" + workflowId, versionBefore == null ? null : Map.of("version", versionBefore),
                state.isEmpty() ? null : state);
    }

    /**
     * Records a plugin installation: an upgrade when its id was installed before (with the old version), else an install.
     *
     * @param actor     who installed it
     * @param before    the plugins before the installation
     * @param installed what was installed
     */
    public void recordInstall(Actor actor, List<PluginInfo> before, PluginInfo installed) {
        PluginInfo previous = before.stream().filter(p -> p.id().equals(installed.id())).findFirst().orElse(null);
        record(actor, previous == null ? AuditAction.PLUGIN_INSTALL : AuditAction.PLUGIN_UPGRADE, "plugin:" + installed.id(),
                AuditStates.plugin(previous), AuditStates.plugin(installed));
    }

    /**
     * Records a task completion when it was an override: the caller was not the task's assignee and held
     * none of its roles (an admin acting for someone). Completions by the task's own people are in the
     * run records already and are not repeated here.
     *
     * @param actor   who completed it
     * @param permit  the permission it was completed under
     * @param outcome the outcome given
     */
    public void recordCompletion(Actor actor, TaskCompletion.Permit permit, Outcome outcome) {
        if (!permit.override()) {
            return;
        }
        String code = permit.task().code();
        String instanceId = permit.task().instanceId();
        boolean instance = instanceId != null && !instanceId.isEmpty();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("activity", code);
        after.put("instanceId", instance ? instanceId : null);
        after.put("assignee", permit.task().assignee());
        after.put("roles", permit.task().roles());
        after.put("outcome", outcome.name());
        record(actor, AuditAction.TASK_OVERRIDE, "workflow:" + permit.workflowId() + "/" + code + (instance ? "[" + instanceId + "]" : ""),
                null, after, true);
    }

    /**
     * @param query filters and the page
     * @return the matching events, newest first, at most {@code query.limit()}
     */
    public List<AuditEvent> find(AuditQuery query) {
        return Jdbc.inTransaction(dataSource, "audit log read", connection -> {
            List<AuditEvent> events = new ArrayList<>();
            try (PreparedStatement statement = select(connection, query, query.limit())) {
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        events.add(event(rs));
                    }
                }
            }
            return events;
        });
    }

    /**
     * Streams every event matching the filters, oldest first, without holding them all in memory (exports).
     *
     * @param query  the filters (its limit and cursor are ignored)
     * @param reader gets each event
     * @return how many were read
     */
    public long export(AuditQuery query, Consumer<AuditEvent> reader) {
        return Jdbc.inTransaction(dataSource, "audit log export", connection -> {
            long count = 0;
            StringBuilder sql = new StringBuilder(SELECT + " WHERE TRUE");
            List<Object> args = filters(query, sql);
            sql.append(" ORDER BY id ASC");
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setFetchSize(500); // a cursor, not the whole table, inside this transaction
                bind(statement, args);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        reader.accept(event(rs));
                        count++;
                    }
                }
            }
            return count;
        });
    }

    private static final String SELECT = "SELECT id, at, actor, action, target, before::text, after::text, client, override FROM audit_events";

    private PreparedStatement select(Connection connection, AuditQuery query, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE TRUE");
        List<Object> args = filters(query, sql);
        if (query.before() != null) {
            sql.append(" AND id < ?");
            args.add(query.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        bind(statement, args);
        return statement;
    }

    private static List<Object> filters(AuditQuery query, StringBuilder sql) {
        List<Object> args = new ArrayList<>();
        if (query.since() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(query.since()));
        }
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(query.actor());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            args.add(query.action());
        }
        return args;
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    private AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                node(rs.getString(6)), node(rs.getString(7)), rs.getString(8), rs.getBoolean(9));
    }

    private JsonNode node(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_events holds JSON PostgreSQL accepted but Jackson cannot read: " + e.getOriginalMessage(), e);
        }
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit state is not JSON-compatible: " + e.getOriginalMessage(), e);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
