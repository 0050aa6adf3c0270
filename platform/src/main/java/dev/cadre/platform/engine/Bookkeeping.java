package dev.cadre.platform.engine;

import dev.cadre.platform.templates.Template;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The workflow's run-record writes, as local activities that wait for the database as long as it
 * takes: a bookkeeping write must never decide a run's outcome. Each write is retried with backoff
 * inside the local activity, and should the local activity give up, the workflow sleeps and tries
 * again, logging the wait. Workflow code.
 */
final class Bookkeeping {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final LocalActivityOptions OPTIONS = LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofMillis(200))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofSeconds(10))
                    .build())
            .build();

    private final Logger log = Workflow.getLogger(Bookkeeping.class);
    private final EngineRecords records = Workflow.newLocalActivityStub(EngineRecords.class, OPTIONS);
    private final List<StepWrite> deferred = new ArrayList<>();
    /** A phase the run entered and has not recorded yet, or null. */
    private String phase;

    /**
     * The record writes the next handler activity applies before its handler runs.
     *
     * @param writes step state changes, in order
     * @param phase  the phase to record as the run's current one first, or {@code null}
     */
    record Carried(List<StepWrite> writes, String phase) {
        static final Carried NONE = new Carried(List.of(), null);
    }

    Template loadTemplate(String code, Integer version) {
        return patiently("load template " + code, () -> records.loadTemplate(code, version));
    }

    void workflowStarted(RunRecords.WorkflowStart start) {
        patiently("record the start", () -> {
            records.workflowStarted(start);
            return null;
        });
    }

    List<RecordedStep> recordedSteps(String workflowId) {
        return patiently("read the run records", () -> records.recordedSteps(workflowId));
    }

    List<RecordedStep> recordedInstanceSteps(String workflowId, List<String> instanceKeys) {
        return patiently("read the records of " + instanceKeys.size() + " instance(s)", () -> records.recordedInstanceSteps(workflowId, instanceKeys));
    }

    java.util.Map<String, Object> parameters(String workflowId) {
        return patiently("read the run's parameters", () -> records.parameters(workflowId));
    }

    void phaseEntered(String workflowId, String phase) {
        flush(workflowId);
        patiently("record phase " + phase, () -> {
            records.phaseEntered(workflowId, phase);
            return null;
        });
    }

    /** Writes a step's state change now, with any deferred ones before it. */
    void step(String workflowId, StepWrite write) {
        deferred.add(write);
        flush(workflowId);
    }

    /**
     * Writes a step's state change with the next write or before the next step runs: an ended step and
     * the start of the next one then cost one local activity, not two.
     */
    void stepLater(StepWrite write) {
        deferred.add(write);
    }

    /**
     * Hands the deferred writes to the caller, which has the next handler activity apply them before
     * its handler runs (no local activity of their own).
     *
     * @return the deferred writes; no longer deferred
     */
    Carried take() {
        Carried carried = new Carried(List.copyOf(deferred), phase);
        deferred.clear();
        phase = null;
        return carried;
    }

    /** Defers writes again, before any deferred since, when the activity that carried them may not have applied them. */
    void putBack(Carried carried) {
        deferred.addAll(0, carried.writes());
        if (phase == null) {
            phase = carried.phase();
        }
    }

    /** Records the phase the run entered with the next handler activity or the next write, whichever comes first. */
    void phaseEnteredLater(String enteredPhase) {
        phase = enteredPhase;
    }

    /** Writes the deferred state changes, in order, in one transaction (a deferred phase first). */
    void flush(String workflowId) {
        if (phase != null) {
            String entered = phase;
            phase = null;
            patiently("record phase " + entered, () -> {
                records.phaseEntered(workflowId, entered);
                return null;
            });
        }
        if (deferred.isEmpty()) {
            return;
        }
        List<StepWrite> writes = List.copyOf(deferred);
        deferred.clear();
        patiently("record " + writes.size() + " step change(s) ending with " + writes.get(writes.size() - 1).step(), () -> {
            if (writes.size() == 1) {
                records.step(workflowId, writes.get(0));
            } else {
                records.steps(workflowId, writes);
            }
            return null;
        });
    }

    void taskEvent(String workflowId, TaskEvent event) {
        flush(workflowId);
        patiently("record " + event.event() + " of " + event.step(), () -> {
            records.taskEvent(workflowId, event);
            return null;
        });
    }

    void workflowEnded(String workflowId, String status, String error) {
        flush(workflowId);
        patiently("record the end", () -> {
            records.workflowEnded(workflowId, status, error);
            return null;
        });
    }

    /** Runs a record call until it succeeds; only a non-retryable failure (a bug or a missing template) ends the wait. */
    private <T> T patiently(String what, Supplier<T> call) {
        Duration backoff = Duration.ofSeconds(1);
        for (int tries = 1; ; tries++) {
            try {
                return call.get();
            } catch (ActivityFailure e) {
                if (e.getCause() instanceof ApplicationFailure application && application.isNonRetryable()) {
                    throw e;
                }
                log.warn("Could not {} (try {}): {}; waiting {} s for the database", what, tries, StepDispatcher.describe(e), backoff.toSeconds());
                Workflow.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
