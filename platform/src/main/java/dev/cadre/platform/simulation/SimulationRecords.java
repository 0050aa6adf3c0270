package dev.cadre.platform.simulation;

import dev.cadre.platform.engine.RecordedStep;
import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.StepKey;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.engine.StepChanges;
import dev.cadre.platform.engine.StepWrite;
import dev.cadre.platform.engine.TaskEvent;
import dev.cadre.plugin.api.RunStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The in-memory sink a simulated run's record writes go to: never the run tables. Keeps each step's
 * latest state with the simulated time of every change, and every deadline step that fired.
 * Thread-safe: local activities and the stubbed handlers write from worker threads.
 */
final class SimulationRecords implements RunRecords {

    /** One step as the simulation saw it. */
    static final class Step {
        final StepKey key;
        StepStatus status;
        String outcome;
        String error;
        Map<String, Object> output;
        Instant startedAt;
        Instant endedAt;
        /** When a failed run undid it; its {@code endedAt} stays when it completed. */
        Instant compensatedAt;

        Step(StepKey key) {
            this.key = key;
        }
    }

    private final LongSupplier clock;
    private final Map<StepKey, Step> steps = new LinkedHashMap<>();
    private final List<Simulation.Deadline> deadlines = new ArrayList<>();
    private RunInfo run;
    private String status;
    private String error;
    private Instant startedAt;
    private Instant endedAt;

    /** @param clock the simulated time (the time-skipping test server's), epoch millis */
    SimulationRecords(LongSupplier clock) {
        this.clock = clock;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.getAsLong());
    }

    @Override
    public synchronized void workflowStarted(WorkflowStart start) {
        if (run == null) {
            run = new RunInfo(start.workflowId(), 1, 0, start.template(), start.version(), start.businessKey(), start.parameters());
            startedAt = now();
        }
    }

    @Override
    public void executionEnded(String workflowId, String executionId, long events) {
    }

    @Override
    public synchronized void recordSteps(String workflowId, StepChanges changes) {
        changes.writes().forEach(this::step);
    }

    @Override
    public synchronized void workflowEnded(String workflowId, String endStatus, String endError) {
        status = endStatus;
        error = endError;
        endedAt = now();
    }

    private void step(StepWrite write) {
        Step step = steps.computeIfAbsent(write.step(), Step::new);
        if (write.rework() != null) {
            // a new round: the step runs again (the simulation keeps where it stands, not its earlier rounds)
            step.status = null;
            step.outcome = null;
            step.error = null;
            step.output = null;
            step.endedAt = null;
        }
        if (step.status != null && ended(step.status) && !ended(write.status()) && write.status() != StepStatus.COMPENSATED) {
            return; // an ended step's record never moves backwards
        }
        Instant now = now();
        if (step.startedAt == null) {
            step.startedAt = now;
        }
        if (write.status() == StepStatus.COMPENSATED) {
            step.compensatedAt = now;
        } else if (ended(write.status())) {
            step.endedAt = now;
        }
        step.status = write.status();
        if (write.outcome() != null) {
            step.outcome = write.outcome().name();
        }
        if (write.error() != null) {
            step.error = write.error();
        }
        if (write.output() != null) {
            step.output = write.output();
        }
    }

    private static boolean ended(StepStatus status) {
        return status == StepStatus.COMPLETED || status == StepStatus.FAILED || status == StepStatus.SKIPPED
                || status == StepStatus.COMPENSATED || status == StepStatus.CANCELLED;
    }

    @Override
    public synchronized void taskEvent(String workflowId, TaskEvent event) {
        deadlines.add(new Simulation.Deadline(event.step().activityCode(), event.step().instanceKey(), event.event(), event.role(),
                now().toString(), Instant.ofEpochMilli(event.dueAtMillis()).toString()));
    }

    @Override
    public synchronized List<RecordedStep> recordedSteps(String workflowId) {
        return steps.values().stream().map(s -> new RecordedStep(s.key.activityCode(), s.key.instanceKey(), s.status, s.output,
                s.outcome == null ? null : dev.cadre.platform.engine.Outcome.valueOf(s.outcome), null, null, null, 0, s.error)).toList();
    }

    @Override
    public boolean resumed(String workflowId, int templateVersion, String reason, Duration unlessResumedWithin) {
        return false;
    }

    @Override
    public List<String> runningWorkflowIds() {
        return List.of();
    }

    @Override
    public synchronized Optional<RunStatus> status(String workflowId) {
        return Optional.ofNullable(run).map(r -> new RunStatus(r.workflowId(), status == null ? "RUNNING" : status, r.templateCode(),
                r.templateVersion(), r.businessKey(), r.parameters()));
    }

    @Override
    public synchronized Optional<RunInfo> run(String workflowId) {
        return Optional.ofNullable(run);
    }

    @Override
    public List<RunStep> trail(long runId) {
        return List.of();
    }

    @Override
    public synchronized Map<String, Object> outputs(long runId) {
        return Map.of();
    }

    /** @return the steps in the order they were first written */
    synchronized List<Step> steps() {
        return List.copyOf(steps.values());
    }

    /** @return the deadline steps that fired, in order */
    synchronized List<Simulation.Deadline> deadlines() {
        return List.copyOf(deadlines);
    }

    synchronized String status() {
        return status;
    }

    synchronized String error() {
        return error;
    }

    synchronized Instant startedAt() {
        return startedAt;
    }

    synchronized Instant endedAt() {
        return endedAt;
    }
}
