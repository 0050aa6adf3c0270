package dev.cadre.platform.engine;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

/**
 * Leaves a step's activity to end on its own when its scope is cancelled (a sibling instance failed,
 * the run was cancelled) instead of asking Temporal to cancel it. The request raced with the activity's
 * own end: the embedded Temporal server (the Java test server) refuses a cancel for an activity whose
 * completion it has just buffered ({@code ACTIVITY_UNKNOWN}) after it has already closed the workflow
 * task, so no workflow task was ever scheduled again and the run hung RUNNING without rolling back. The
 * workflow sees the cancellation at once either way; what the abandoned step did is in its records and
 * is compensated from there. Handlers lose nothing: a cancel never interrupted them (their heartbeats only
 * log it), and an abandoned one ends within its own timeout as before. Workflow
 * code: versioned, so runs started before it replay unchanged.
 */
final class CancelRequests {

    /** Marks runs whose steps are abandoned, not asked to cancel, when their scope is cancelled. */
    static final String CHANGE = "steps-abandoned-on-cancel";

    private Boolean abandon;

    /** @return the options, abandoning the activity on cancellation in runs started with this change */
    ActivityOptions apply(ActivityOptions options) {
        if (abandon == null) {
            abandon = Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        }
        return abandon ? ActivityOptions.newBuilder(options).setCancellationType(ActivityCancellationType.ABANDON).build() : options;
    }
}
