package dev.cadre.platform.runs;

import java.time.Instant;

/**
 * An activity of a run's template joined with one of its run records (none yet when {@link #status} is
 * {@code null}, else one, or one per fan-out instance): what the run page and the task page read.
 *
 * @param phase         phase name
 * @param phaseOrder    phase order
 * @param phaseMode     sequential or parallel
 * @param code          activity code
 * @param name          activity name
 * @param type          START, TASK, REVIEW, APPROVAL or COMPLETE
 * @param manual        whether a person completes it
 * @param handler       handler name
 * @param executionMode sequential or parallel
 * @param instanceId    the instance key ({@code ""} when not an instance), or {@code null} when not reached
 * @param status        the step status, or {@code null} when not reached
 * @param outcome       APPROVED, REJECTED or DONE, or {@code null}
 * @param retries       attempts beyond the first
 * @param lastError     the last failure, or {@code null}
 * @param handlerSource {@code builtin} or {@code pluginId@version}, or {@code null}
 * @param handlerSha256 the handler JAR's SHA-256, or {@code null}
 * @param completedBy   who completed a manual step, or {@code null}
 * @param comment       their comment, or {@code null}
 * @param assigneeRole  the role a task is for, or {@code null}
 * @param dueAt         when a task is due, or {@code null}
 * @param startedAt     when it started, or {@code null}
 * @param completedAt   when it ended, or {@code null}
 * @param round         the step's current round (1 until it is sent back for rework)
 * @param reworkNote    why it runs again in this round (who sent it back and their comment), or {@code null}
 * @param earlierRounds its rounds before this one, oldest first (empty for round 1)
 */
public record StepRow(String phase, int phaseOrder, String phaseMode, String code, String name, String type, boolean manual, String handler,
                      String executionMode, String instanceId, String status, String outcome, Integer retries, String lastError,
                      String handlerSource, String handlerSha256, String completedBy, String comment, String assigneeRole, Instant dueAt,
                      Instant startedAt, Instant completedAt, int round, String reworkNote, java.util.List<Round> earlierRounds) {

    /** A step in its first round. */
    public StepRow(String phase, int phaseOrder, String phaseMode, String code, String name, String type, boolean manual, String handler,
                   String executionMode, String instanceId, String status, String outcome, Integer retries, String lastError,
                   String handlerSource, String handlerSha256, String completedBy, String comment, String assigneeRole, Instant dueAt,
                   Instant startedAt, Instant completedAt) {
        this(phase, phaseOrder, phaseMode, code, name, type, manual, handler, executionMode, instanceId, status, outcome, retries, lastError,
                handlerSource, handlerSha256, completedBy, comment, assigneeRole, dueAt, startedAt, completedAt, 1, null, java.util.List.of());
    }

    /** Copies the rounds. */
    public StepRow {
        earlierRounds = earlierRounds == null ? java.util.List.of() : java.util.List.copyOf(earlierRounds);
    }

    /** @return whether the run has reached this step (it has a record) */
    public boolean reached() {
        return status != null;
    }

    /** @return whether it runs once per fan-out instance */
    public boolean parallel() {
        return "parallel".equals(executionMode);
    }
}
