package dev.cadre.platform.engine;

import java.util.Locale;

/** How one handler execution (one attempt) ended, as {@code cadre_activity_executions_total} counts it. */
public enum ExecutionOutcome {
    /** The handler returned a result (a manual step's handler: the task is open). */
    COMPLETED,
    /** The handler failed and no attempt follows: the step fails (or its compensation does). */
    FAILED,
    /** The attempt failed and Temporal runs it again (or the workflow does, once the database is back). */
    RETRIED,
    /** The handler returned {@code skipped}. */
    SKIPPED,
    /** A compensation ran to its end. */
    COMPENSATED;

    /** @return the label value: the name in lower case */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
