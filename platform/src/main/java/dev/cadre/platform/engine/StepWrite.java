package dev.cadre.platform.engine;

import dev.cadre.platform.plugins.HandlerProvenance;
import java.time.Instant;
import java.util.Map;

/**
 * One state change of a step's run record. {@code null} fields leave the stored value as it is.
 *
 * @param step         which activity and instance
 * @param parent       the step before it, or {@code null}
 * @param status       the new status
 * @param handlerSource who ran it ({@code builtin} or {@code plugin@version}), or {@code null}
 * @param handlerSha256 the plugin JAR's SHA-256, or {@code null}
 * @param attempt      the attempt of the handler execution this write reports (1-based), or {@code null}
 * @param error        the latest error, or {@code null}
 * @param outcome      a manual outcome, or {@code null}
 * @param completedBy  who completed a manual step, or {@code null}
 * @param comment      their comment, or {@code null}
 * @param assigneeRole who a manual task is for, or {@code null}
 * @param dueAt        when a manual task times out, or {@code null}
 * @param output       the step's output, or {@code null}
 * @param rework       a new round of the step: its record's earlier round is kept, then the record starts over; or {@code null}
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) // most fields are null: smaller payloads
public record StepWrite(StepKey step, StepKey parent, StepStatus status, String handlerSource, String handlerSha256, Integer attempt,
        String error, Outcome outcome, String completedBy, String comment, String assigneeRole, Instant dueAt,
        Map<String, Object> output, Rework rework) {

    /**
     * A step run again in a new round (sent back for rework, or returned after a failed check).
     *
     * @param round  the new round (2, 3, ...)
     * @param sentBy the step that sent the work back (its activity code)
     * @param first  whether this is the first step of the round (the one the metric counts)
     * @param note   why: who sent it back and their comment, or the failure that returned it
     */
    public record Rework(int round, String sentBy, boolean first, String note) {
    }

    /** As before rounds existed: no rework. */
    public StepWrite(StepKey step, StepKey parent, StepStatus status, String handlerSource, String handlerSha256, Integer attempt,
            String error, Outcome outcome, String completedBy, String comment, String assigneeRole, Instant dueAt,
            Map<String, Object> output) {
        this(step, parent, status, handlerSource, handlerSha256, attempt, error, outcome, completedBy, comment, assigneeRole, dueAt, output, null);
    }

    /** @param newRework the new round @return a copy that starts it */
    public StepWrite withRework(Rework newRework) {
        return new StepWrite(step, parent, status, handlerSource, handlerSha256, attempt, error, outcome, completedBy, comment, assigneeRole, dueAt,
                output, newRework);
    }

    /**
     * @param step   which step
     * @param parent the step before it
     * @param status the new status
     * @return a write that changes only the status
     */
    public static StepWrite status(StepKey step, StepKey parent, StepStatus status) {
        return new StepWrite(step, parent, status, null, null, null, null, null, null, null, null, null, null);
    }

    /** @param newError the error @return a copy with it */
    public StepWrite withError(String newError) {
        return new StepWrite(step, parent, status, handlerSource, handlerSha256, attempt, newError, outcome, completedBy, comment, assigneeRole, dueAt, output, rework);
    }

    /** @param newOutput the output @return a copy with it */
    public StepWrite withOutput(Map<String, Object> newOutput) {
        return new StepWrite(step, parent, status, handlerSource, handlerSha256, attempt, error, outcome, completedBy, comment, assigneeRole, dueAt, newOutput, rework);
    }

    /** @param provenance the handler @param handlerAttempt its attempt @return a copy with both */
    public StepWrite withHandler(HandlerProvenance provenance, Integer handlerAttempt) {
        return withHandler(provenance.source(), provenance.sha256(), handlerAttempt);
    }

    /**
     * @param source         {@code builtin} or {@code plugin@version}, or {@code null} to keep the recorded one
     * @param sha256         the plugin JAR's SHA-256, or {@code null}
     * @param handlerAttempt the attempt (1-based), or {@code null} to keep the recorded retry count
     * @return a copy with them
     */
    public StepWrite withHandler(String source, String sha256, Integer handlerAttempt) {
        return new StepWrite(step, parent, status, source, sha256, handlerAttempt, error, outcome, completedBy, comment, assigneeRole, dueAt, output, rework);
    }

    /** @param role the assignee role @param due the due time @return a copy with both */
    public StepWrite withTask(String role, Instant due) {
        return new StepWrite(step, parent, status, handlerSource, handlerSha256, attempt, error, outcome, completedBy, comment, role, due, output, rework);
    }

    /** @param completion a person's completion @return a copy carrying its outcome, author and comment */
    public StepWrite withCompletion(Completion completion) {
        return new StepWrite(step, parent, status, handlerSource, handlerSha256, attempt, error, completion.outcome(), completion.completedBy(),
                completion.comment(), assigneeRole, dueAt, output, rework);
    }
}
