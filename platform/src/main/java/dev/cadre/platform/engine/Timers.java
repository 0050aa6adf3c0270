package dev.cadre.platform.engine;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits on durable timers that are never cancelled: a cancelled scope (the run was cancelled, a sibling
 * instance failed) stops the wait, and the timer is left to fire into a wait that has ended. A cancel
 * request raced with the timer's own firing: the embedded Temporal server (the Java test server) refuses
 * to cancel a timer it has just fired while the workflow task is out ({@code INVALID_ARGUMENT}), after
 * it has already closed that task, so no workflow task came again and the run hung RUNNING, as it did
 * for activities ({@link CancelRequests}). A timer that fires late costs one empty workflow task, or
 * nothing once the run has ended. Workflow code: versioned, so runs started before it replay unchanged.
 */
final class Timers {

    /** Marks runs whose timers are left to fire, never cancelled. */
    static final String CHANGE = "timers-never-cancelled";

    private Boolean uncancelled;

    /**
     * Waits for a condition, at most {@code timeout}. A cancelled scope ends the wait as an elapsed
     * timeout does, as {@link Workflow#await(Duration, Supplier)} did.
     *
     * @return whether the condition held before the timeout
     */
    boolean await(Duration timeout, Supplier<Boolean> condition) {
        if (!uncancelled()) {
            return Workflow.await(timeout, condition);
        }
        if (condition.get()) {
            return true;
        }
        CancellationScope scope = CancellationScope.current();
        Promise<Void> timer = start(timeout);
        Workflow.await(() -> condition.get() || timer.isCompleted() || scope.isCancelRequested());
        return condition.get() && !scope.isCancelRequested();
    }

    /**
     * Sleeps as {@link Workflow#sleep(Duration)} does.
     *
     * @throws CanceledFailure when the scope is cancelled during the sleep
     */
    void sleep(Duration duration) {
        if (!uncancelled()) {
            Workflow.sleep(duration);
            return;
        }
        CancellationScope scope = CancellationScope.current();
        Promise<Void> timer = start(duration);
        Workflow.await(() -> timer.isCompleted() || scope.isCancelRequested());
        if (!timer.isCompleted()) {
            throw new CanceledFailure("sleep cancelled");
        }
    }

    /** Starts a timer outside the current scope, so cancelling the scope sends no CancelTimer. */
    private static Promise<Void> start(Duration duration) {
        @SuppressWarnings("unchecked")
        Promise<Void>[] timer = new Promise[1];
        Workflow.newDetachedCancellationScope(() -> timer[0] = Workflow.newTimer(duration)).run();
        return timer[0];
    }

    private boolean uncancelled() {
        if (uncancelled == null) {
            uncancelled = Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        }
        return uncancelled;
    }
}
