package dev.cadre.platform.runs;

import dev.cadre.platform.persistence.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Who is working on a waiting manual task. A claim keeps two people from working one task: while it is
 * held, only its holder may complete the task. Claims live in PostgreSQL (every host of a cluster sees
 * them) and end when the task is completed or unclaimed.
 */
public final class TaskClaims {

    /** A held claim. @param holder the username @param at when it was claimed */
    public record Claim(String holder, Instant at) {
    }

    private final DataSource dataSource;

    /** @param dataSource the platform database */
    public TaskClaims(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the claim on the task, if someone holds it */
    public Optional<Claim> holder(String workflowId, String code, String instanceId) {
        return Jdbc.inTransaction(dataSource, "task claim read", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT claimed_by, claimed_at FROM workflow_task_claims WHERE workflow_id = ? AND activity_code = ? AND instance_id = ?")) {
                statement.setString(1, workflowId);
                statement.setString(2, code);
                statement.setString(3, instanceId == null ? "" : instanceId);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? Optional.of(new Claim(rs.getString(1), rs.getTimestamp(2).toInstant())) : Optional.<Claim>empty();
                }
            }
        });
    }

    /**
     * Claims the task for {@code person}; claiming one's own claim again changes nothing.
     *
     * @return the claim now held
     * @throws TaskClaimedException when someone else holds it
     */
    public Claim claim(WaitingTask task, String person) {
        Claim held = Jdbc.inTransaction(dataSource, "task claim", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO workflow_task_claims (workflow_id, activity_code, instance_id, claimed_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT (workflow_id, activity_code, instance_id) DO NOTHING""")) {
                insert.setString(1, task.workflowId());
                insert.setString(2, task.code());
                insert.setString(3, task.instanceId());
                insert.setString(4, person);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT claimed_by, claimed_at FROM workflow_task_claims WHERE workflow_id = ? AND activity_code = ? AND instance_id = ?")) {
                select.setString(1, task.workflowId());
                select.setString(2, task.code());
                select.setString(3, task.instanceId());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return new Claim(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        });
        if (!held.holder().equals(person)) {
            throw new TaskClaimedException(task.step(), held.holder());
        }
        return held;
    }

    /**
     * Ends the claim on a task, whoever holds it (callers check who may).
     *
     * @return the claim that was held, or empty when there was none
     */
    public Optional<Claim> release(String workflowId, String code, String instanceId) {
        return Jdbc.inTransaction(dataSource, "task unclaim", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM workflow_task_claims WHERE workflow_id = ? AND activity_code = ? AND instance_id = ?
                    RETURNING claimed_by, claimed_at""")) {
                delete.setString(1, workflowId);
                delete.setString(2, code);
                delete.setString(3, instanceId == null ? "" : instanceId);
                try (ResultSet rs = delete.executeQuery()) {
                    return rs.next() ? Optional.of(new Claim(rs.getString(1), rs.getTimestamp(2).toInstant())) : Optional.<Claim>empty();
                }
            }
        });
    }

    /** @throws TaskClaimedException when someone other than {@code person} holds the task */
    public void ensureFreeFor(WaitingTask task, String person) {
        holder(task.workflowId(), task.code(), task.instanceId()).filter(c -> !c.holder().equals(person))
                .ifPresent(c -> {
                    throw new TaskClaimedException(task.step(), c.holder());
                });
    }
}
