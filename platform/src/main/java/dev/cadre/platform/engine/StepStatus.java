package dev.cadre.platform.engine;

/** The state of one step, as {@code workflow_activities.status} records it. */
public enum StepStatus {
    /** Scheduled, not started. */
    PENDING,
    /** A handler is working on it. */
    RUNNING,
    /** A manual task waits for a person. */
    WAITING,
    /** Done. */
    COMPLETED,
    /** Failed after its retries, was rejected, or timed out. */
    FAILED,
    /** Its condition was false, or its handler skipped it. */
    SKIPPED,
    /** Completed, then undone because the workflow failed or was cancelled. */
    COMPENSATED,
    /** Stopped because the workflow failed or was cancelled before it ended. */
    CANCELLED;

    /** @return whether the step has ended */
    public boolean isTerminal() {
        return this != PENDING && this != RUNNING && this != WAITING;
    }
}
