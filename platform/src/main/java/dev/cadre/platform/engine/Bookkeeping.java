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
 * The workflow's run-record writes. Step-state changes queue here and leave as one {@link StepChanges}:
 * with the next handler activity ({@link #take}), or in a local activity when no handler runs next
 * ({@link #flush}); both end in {@link RunRecords#recordSteps}. Local activities wait for the database
 * as long as it takes: a bookkeeping write must never decide a run's outcome. Each write is retried with backoff
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
    private final Timers timers = new Timers();
    /** The estimated JSON size of {@link #deferred}, kept under {@link PayloadSize#MAX_STEP_CHANGES_BYTES} per payload. */
    private long deferredBytes;
    /** A phase the run entered and has not recorded yet, or null. */
    private String phase;

    Template loadTemplate(String code, Integer version) {
        return patiently("load template " + code, () -> records.loadTemplate(code, version));
    }

    void workflowStarted(RunRecords.WorkflowStart start) {
        patiently("record the start", () -> {
            records.workflowStarted(start);
            return null;
        });
    }

    List<RecordedStep> recordedInstanceSteps(String workflowId, List<String> instanceKeys) {
        return patiently("read the records of " + instanceKeys.size() + " instance(s)", () -> records.recordedInstanceSteps(workflowId, instanceKeys));
    }

    java.util.Map<String, Object> parameters(String workflowId) {
        return patiently("read the run's parameters", () -> records.parameters(workflowId));
    }

    java.util.List<Object> parameterFileElements(String fileId, int offset, int limit) {
        return patiently("read elements " + offset + "+" + limit + " of parameter file " + fileId,
                () -> records.parameterFileElements(fileId, offset, limit));
    }

    /** Writes a step's state change now, with any deferred ones before it. */
    void step(String workflowId, StepWrite write) {
        defer(write);
        flush(workflowId);
    }

    /**
     * Writes a step's state change with the next write or before the next step runs: an ended step and
     * the start of the next one then cost one local activity, not two.
     */
    void stepLater(StepWrite write) {
        defer(write);
    }

    private void defer(StepWrite write) {
        deferred.add(write);
        deferredBytes += PayloadSize.of(write);
    }

    /**
     * Hands the deferred writes to the caller, which has the next handler activity apply them before
     * its handler runs (no local activity of their own).
     *
     * @param workflowId the run's workflow id
     * @return the deferred writes; no longer deferred (too many for one payload: written here first, in parts)
     */
    StepChanges take(String workflowId) {
        if (deferredBytes > PayloadSize.MAX_STEP_CHANGES_BYTES) {
            flush(workflowId);
        }
        return takeAll();
    }

    private StepChanges takeAll() {
        StepChanges carried = new StepChanges(phase, deferred);
        deferred.clear();
        deferredBytes = 0;
        phase = null;
        return carried;
    }

    /** Defers writes again, before any deferred since, when the activity that carried them may not have applied them. */
    void putBack(StepChanges carried) {
        deferred.addAll(0, carried.writes());
        carried.writes().forEach(write -> deferredBytes += PayloadSize.of(write));
        if (phase == null) {
            phase = carried.phase();
        }
    }

    /** Records the phase the run entered with the next handler activity or the next write, whichever comes first. */
    void phaseEnteredLater(String enteredPhase) {
        phase = enteredPhase;
    }

    /**
     * Records the deferred state changes now, in order (a deferred phase first): in one local activity,
     * or in several when they would make too large a payload for one.
     */
    void flush(String workflowId) {
        StepChanges all = takeAll();
        List<StepWrite> part = new ArrayList<>();
        long bytes = 0;
        String partPhase = all.phase();
        for (StepWrite write : all.writes()) {
            long size = PayloadSize.of(write);
            if (!part.isEmpty() && bytes + size > PayloadSize.MAX_STEP_CHANGES_BYTES) {
                record(workflowId, new StepChanges(partPhase, part));
                part = new ArrayList<>();
                bytes = 0;
                partPhase = null;
            }
            part.add(write);
            bytes += size;
        }
        record(workflowId, new StepChanges(partPhase, part));
    }

    private void record(String workflowId, StepChanges changes) {
        if (changes.nothingToApply()) {
            return;
        }
        String what = changes.writes().isEmpty() ? "record phase " + changes.phase()
                : "record " + changes.writes().size() + " step change(s) ending with " + changes.writes().get(changes.writes().size() - 1).step();
        patiently(what, () -> {
            records.recordSteps(workflowId, changes);
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

    /**
     * Records the history length this execution ends with (before it continues as new, or as a batch
     * returns), for the run's history counts.
     *
     * @param workflowId  the run's workflow id
     * @param executionId this execution: the run's Temporal run id, or a batch's workflow id
     */
    void executionEnded(String workflowId, String executionId) {
        flush(workflowId);
        long events = Workflow.getInfo().getHistoryLength();
        patiently("record the history length of " + executionId, () -> {
            records.executionEnded(workflowId, executionId, events);
            return null;
        });
    }

    /** Records how the run ended, with the history length of its last execution. */
    void workflowEnded(String workflowId, String status, String error) {
        executionEnded(workflowId, Workflow.getInfo().getRunId());
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
                log.warn("Could not {} (try {}): {}; waiting {} s for the database", what, tries, StepFailures.describe(e), backoff.toSeconds());
                timers.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
