package dev.cadre.platform.engine;

import java.time.Duration;

/**
 * What {@link JdbcRunRecords} reports once a write is committed and changed a record's state (the
 * metrics count them). A repeated write (a local activity retried after its commit) changes nothing
 * and reports nothing.
 */
public interface RunEvents {

    /** Reports nothing (tools and tests that keep records without metrics). */
    RunEvents NONE = new RunEvents() {
        @Override
        public void workflowStarted(String template) {
        }

        @Override
        public void workflowEnded(String template, String status) {
        }

        @Override
        public void taskCompleted(String activityCode, Duration waited) {
        }
    };

    /** @param template the template code of a run recorded for the first time */
    void workflowStarted(String template);

    /** @param template the run's template code @param status how a RUNNING run ended: COMPLETED, FAILED or CANCELLED */
    void workflowEnded(String template, String status);

    /** @param activityCode a manual activity a person completed @param waited from the task opening to its completion */
    void taskCompleted(String activityCode, Duration waited);

    /** @param template the run's template code @param activity the step that sent work back for another round */
    default void reworkRound(String template, String activity) {
    }

    /** @param handler the handler a step waits for: no live host has it loaded (counted as a handler not found) */
    default void waitingForHost(String handler) {
    }
}
