package dev.cadre.platform.runs;

import java.time.Instant;

/**
 * What the records say of one execution of a step.
 *
 * @param outcome      APPROVED, REJECTED or DONE, or {@code null}
 * @param retries      attempts beyond the first
 * @param lastError    the last failure, or {@code null}
 * @param provenance   which handler ran it
 * @param completedBy  who completed a manual step, or {@code null}
 * @param comment      their comment, or {@code null}
 * @param assigneeRole the role a task is for, or {@code null}
 * @param dueAt        when a task is due, or {@code null}
 * @param startedAt    when it started, or {@code null}
 * @param completedAt  when it ended, or {@code null}
 * @param round        the current round (1 until the step is sent back for rework)
 * @param reworkNote   why it runs again in this round, or {@code null}
 * @param earlierRounds its rounds before this one, oldest first
 */
public record Execution(String outcome, int retries, String lastError, Provenance provenance, String completedBy, String comment,
                        String assigneeRole, Instant dueAt, Instant startedAt, Instant completedAt, int round, String reworkNote,
                        java.util.List<Round> earlierRounds) {

    /** An execution in its first round. */
    public Execution(String outcome, int retries, String lastError, Provenance provenance, String completedBy, String comment,
                     String assigneeRole, Instant dueAt, Instant startedAt, Instant completedAt) {
        this(outcome, retries, lastError, provenance, completedBy, comment, assigneeRole, dueAt, startedAt, completedAt, 1, null, java.util.List.of());
    }

    /**
     * Who ran a step.
     *
     * @param source {@code builtin} or {@code pluginId@version}, or {@code null}
     * @param sha256 the plugin JAR's SHA-256, or {@code null}
     */
    public record Provenance(String source, String sha256) {
    }

    static Execution of(StepRow row) {
        return new Execution(row.outcome(), row.retries() == null ? 0 : row.retries(), row.lastError(),
                new Provenance(row.handlerSource(), row.handlerSha256()), row.completedBy(), row.comment(), row.assigneeRole(), row.dueAt(),
                row.startedAt(), row.completedAt(), row.round(), row.reworkNote(), row.earlierRounds());
    }
}
