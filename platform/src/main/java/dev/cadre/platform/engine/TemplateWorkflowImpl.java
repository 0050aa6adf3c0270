package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Interprets a template: phases in order; a sequential phase's activities in sequence order; a
 * parallel phase's sequential activities around one instance per fan-out element, instances
 * concurrent up to {@code maxParallelism}. A failed step fails the run, which compensates completed
 * automated steps in reverse order; cancellation compensates the same way.
 *
 * <p>Deterministic by Temporal's rules: all I/O is in activities, state is insertion-ordered, and CEL
 * expressions are pure. Any change to this logic that alters the commands a history replays must go
 * behind {@code Workflow.getVersion}; {@code TemplateWorkflowReplayTest} replays a recorded cycle.
 */
public class TemplateWorkflowImpl implements TemplateWorkflow {

    /** Runs from this version on record their step state in the workflow; before it, the activity did. */
    private static final String STEP_STATE_CHANGE = "workflow-records-step-state";

    private final Logger log = Workflow.getLogger(TemplateWorkflowImpl.class);
    private final Bookkeeping records = new Bookkeeping();
    private final RunState state = new RunState();
    private StepDispatcher dispatcher;
    private TaskDeadlineWatch deadlines;
    private boolean recordsSteps;
    private final Map<StepKey, RecordedStep> resumed = new LinkedHashMap<>();
    private Template template;
    private String workflowId;
    private RunExpressions expressions;

    @Override
    public WorkflowResult run(WorkflowRequest request) {
        workflowId = Workflow.getInfo().getWorkflowId();
        recordsSteps = Workflow.getVersion(STEP_STATE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        dispatcher = new StepDispatcher(recordsSteps, records);
        deadlines = new TaskDeadlineWatch(state, records, workflowId, request.businessKey(), recordsSteps);
        expressions = new RunExpressions(state, request.parameters());
        template = records.loadTemplate(request.template(), request.version());
        records.workflowStarted(new RunRecords.WorkflowStart(workflowId, Workflow.getInfo().getRunId(), template.code(),
                template.version(), request.businessKey(), request.parameters()));
        if (request.resume()) {
            for (RecordedStep step : records.recordedSteps(workflowId)) {
                resumed.put(step.key(), step);
            }
        }
        log.info("Workflow {} {} template {} v{} for {}", workflowId, request.resume() ? "resumes" : "runs", template.code(),
                template.version(), request.businessKey());
        try {
            StepKey previous = null;
            for (PhaseTemplate phase : template.phases()) {
                state.enterPhase(phase.name());
                records.phaseEntered(workflowId, phase.name());
                previous = runPhase(phase, previous);
            }
        } catch (RuntimeException e) {
            if (CancellationScope.current().isCancelRequested()) {
                Workflow.newDetachedCancellationScope(() -> end("CANCELLED", "cancelled")).run();
                throw e instanceof CanceledFailure ? e : new CanceledFailure("workflow cancelled");
            }
            String reason = e instanceof StepFailure ? e.getMessage() : "unexpected error: " + e;
            end("FAILED", reason);
            throw ApplicationFailure.newNonRetryableFailure(reason, "WorkflowFailed");
        }
        state.finish("COMPLETED", null);
        records.workflowEnded(workflowId, "COMPLETED", null);
        return new WorkflowResult("COMPLETED", (int) state.count(StepStatus.COMPLETED), (int) state.count(StepStatus.SKIPPED));
    }

    private void end(String status, String reason) {
        List<String> failedCompensations = new Compensation(state, dispatcher, records, workflowId, recordsSteps).run();
        if (!failedCompensations.isEmpty()) {
            reason = reason + "; compensation failed for " + String.join(", ", failedCompensations);
        }
        state.finish(status, reason);
        records.workflowEnded(workflowId, status, reason);
        log.warn("Workflow {} {}: {}", workflowId, status, reason);
    }

    private StepKey runPhase(PhaseTemplate phase, StepKey previous) {
        if (!phase.isParallel()) {
            for (ActivityTemplate activity : phase.activities()) {
                previous = runStep(phase, activity, null, "", previous);
            }
            return previous;
        }
        // validation keeps a phase's parallel activities contiguous: sequential ones before, the instances, sequential ones after
        List<ActivityTemplate> activities = phase.activities();
        int first = 0;
        while (first < activities.size() && !activities.get(first).isParallel()) {
            first++;
        }
        int end = first;
        while (end < activities.size() && activities.get(end).isParallel()) {
            end++;
        }
        List<ActivityTemplate> before = activities.subList(0, first);
        List<ActivityTemplate> parallel = activities.subList(first, end);
        List<ActivityTemplate> after = activities.subList(end, activities.size());
        for (ActivityTemplate activity : before) {
            previous = runStep(phase, activity, null, "", previous);
        }
        if (!parallel.isEmpty()) {
            runInstances(phase, parallel, previous);
        }
        for (ActivityTemplate activity : after) {
            previous = runStep(phase, activity, null, "", previous);
        }
        return previous;
    }

    private void runInstances(PhaseTemplate phase, List<ActivityTemplate> activities, StepKey phaseStart) {
        Map<String, Object> instances = expressions.fanOut(phase);
        int cap = phase.maxParallelism() == null ? Math.max(1, instances.size()) : phase.maxParallelism();
        log.info("Phase '{}' fans out into {} instances, at most {} at once", phase.name(), instances.size(), cap);
        int[] running = {0};
        RuntimeException[] failure = {null};
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            for (Map.Entry<String, Object> instance : instances.entrySet()) {
                Workflow.await(() -> running[0] < cap || failure[0] != null);
                if (failure[0] != null) {
                    return;
                }
                running[0]++;
                Async.procedure(() -> {
                    try {
                        StepKey previous = phaseStart;
                        for (ActivityTemplate activity : activities) {
                            previous = runStep(phase, activity, instance.getValue(), instance.getKey(), previous);
                        }
                        records.flush(workflowId); // an ended instance must not wait for others to be recorded
                    } catch (RuntimeException e) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    } finally {
                        running[0]--;
                    }
                });
            }
        });
        scope.run(); // returns once every instance has been launched, or on the first failure
        Workflow.await(() -> running[0] == 0 || failure[0] != null);
        if (failure[0] != null) {
            scope.cancel("phase '" + phase.name() + "' failed");
            Workflow.await(() -> running[0] == 0);
            throw failure[0];
        }
    }

    /** Runs one step to its end and returns its key, the parent of the next step. */
    private StepKey runStep(PhaseTemplate phase, ActivityTemplate activity, Object instance, String instanceKey, StepKey parent) {
        StepKey key = new StepKey(activity.code(), instanceKey);
        state.open(key, phase.name(), activity);
        RecordedStep recorded = resumed.remove(key);
        if (recorded != null && restore(recorded, activity, instance, parent)) {
            return key;
        }
        if (activity.condition() != null && !conditionHolds(activity, key, parent, instance, instanceKey)) {
            state.end(key, StepStatus.SKIPPED, null, null, null);
            StepWrite skipped = StepWrite.status(key, parent, StepStatus.SKIPPED)
                    .withOutput(Map.of("skipped", "condition is false: " + activity.condition()));
            if (recordsSteps) {
                records.stepLater(skipped);
            } else {
                records.step(workflowId, skipped);
            }
            return key;
        }
        checkDependencies(activity, key, parent, phase);
        if (activity.manual()) {
            runManual(activity, key, instance, parent, recorded);
        } else {
            runAutomated(activity, key, instance, parent);
        }
        return key;
    }

    private boolean conditionHolds(ActivityTemplate activity, StepKey key, StepKey parent, Object instance, String instanceKey) {
        try {
            return expressions.condition(activity, instance, instanceKey);
        } catch (RuntimeException e) {
            throw fail(key, parent, "condition of " + key + " (" + activity.condition() + ") failed: " + e.getMessage());
        }
    }

    private void checkDependencies(ActivityTemplate activity, StepKey key, StepKey parent, PhaseTemplate phase) {
        String problem = DependencyCheck.problem(template, state, activity, key, phase);
        if (problem != null) {
            throw fail(key, parent, problem);
        }
    }

    /**
     * Takes over a step that a resumed run had already ended (or a task still open).
     *
     * @return whether the step needs nothing more: it completed or was skipped
     */
    private boolean restore(RecordedStep recorded, ActivityTemplate activity, Object instance, StepKey parent) {
        StepKey key = recorded.key();
        if (recorded.status() == StepStatus.COMPLETED || recorded.status() == StepStatus.SKIPPED) {
            state.end(key, recorded.status(), recorded.output(), recorded.outcome(), recorded.error());
            if (recorded.status() == StepStatus.COMPLETED && !activity.manual()) {
                state.completedAutomated(new RunState.Compensable(key, activity, instance, parent, recorded.output()));
            }
            if (recorded.outcome() == Outcome.REJECTED && !Boolean.TRUE.equals(activity.config().get("continueOnReject"))) {
                throw new StepFailure(key + " was rejected by " + recorded.completedBy());
            }
            return true;
        }
        return false;
    }

    private void runAutomated(ActivityTemplate activity, StepKey key, Object instance, StepKey parent) {
        state.status(key, StepStatus.RUNNING);
        if (recordsSteps) {
            // written in one local activity with what ended just before it
            records.step(workflowId, StepWrite.status(key, parent, StepStatus.RUNNING));
        }
        StepOutcome outcome = dispatch(activity, key, instance, parent);
        if (recordsSteps) {
            StepWrite write = StepWrite.status(key, parent, outcome.status()).withOutput(outcome.output())
                    .withHandler(outcome.handler(), outcome.sha256(), outcome.attempt());
            records.stepLater(outcome.status() == StepStatus.SKIPPED ? write.withError(outcome.message()) : write);
        }
        state.end(key, outcome.status(), outcome.output(), null, null);
        if (outcome.status() == StepStatus.COMPLETED) {
            state.completedAutomated(new RunState.Compensable(key, activity, instance, parent, outcome.output()));
        }
    }

    private void runManual(ActivityTemplate activity, StepKey key, Object instance, StepKey parent, RecordedStep recorded) {
        Duration timeout = Duration.ofSeconds(activity.timeoutSeconds());
        long openedAt;
        String role = null;
        boolean reopened = recorded != null && recorded.status() == StepStatus.WAITING && recorded.dueAtMillis() > 0;
        if (reopened) {
            // the task stays open as recorded: same role, same due time
            openedAt = recorded.dueAtMillis() - timeout.toMillis();
            role = recorded.assigneeRole();
            state.status(key, StepStatus.WAITING);
        } else {
            state.status(key, StepStatus.RUNNING);
            StepOutcome opened = dispatch(activity, key, instance, parent);
            state.status(key, StepStatus.WAITING);
            openedAt = Workflow.currentTimeMillis();
            if (recordsSteps) {
                Object assignee = opened.output().getOrDefault("assigneeRole", activity.config().get("assigneeRole"));
                role = assignee == null ? null : assignee.toString();
                records.step(workflowId, StepWrite.status(key, parent, StepStatus.WAITING).withOutput(opened.output())
                        .withHandler(opened.handler(), opened.sha256(), opened.attempt())
                        .withTask(role, java.time.Instant.ofEpochMilli(openedAt).plus(timeout)));
            }
        }
        boolean completed = deadlines.await(activity, key, openedAt, timeout, role, reopened);
        if (!completed) {
            String reason = key + " was not completed within " + timeout.toHours() + " h";
            if (Boolean.TRUE.equals(activity.config().get("continueOnTimeout"))) {
                state.end(key, StepStatus.SKIPPED, null, null, reason);
                records.step(workflowId, StepWrite.status(key, parent, StepStatus.SKIPPED).withError(reason));
                return;
            }
            throw fail(key, parent, reason);
        }
        Completion completion = state.completion(key).orElseThrow();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("outcome", completion.outcome().name());
        output.put("completedBy", completion.completedBy());
        output.put("comment", completion.comment());
        output.put("data", completion.data());
        if (completion.override()) {
            output.put("override", true); // an admin completed a task of a role they do not hold
        }
        records.step(workflowId, StepWrite.status(key, parent, StepStatus.COMPLETED).withCompletion(completion).withOutput(output));
        state.end(key, StepStatus.COMPLETED, output, completion.outcome(), null);
        if (completion.outcome() == Outcome.REJECTED && !Boolean.TRUE.equals(activity.config().get("continueOnReject"))) {
            throw new StepFailure(key + " was rejected by " + completion.completedBy()
                    + (completion.comment() == null ? "" : ": " + completion.comment()));
        }
    }

    private StepOutcome dispatch(ActivityTemplate activity, StepKey key, Object instance, StepKey parent) {
        records.flush(workflowId); // handlers read upstream outputs from the records
        try {
            return dispatcher.execute(workflowId, activity, key, instance, parent);
        } catch (io.temporal.failure.ActivityFailure e) {
            if (CancellationScope.current().isCancelRequested()) {
                throw e;
            }
            String reason = key + " failed: " + StepDispatcher.describe(e);
            if (!recordsSteps) {
                throw fail(key, parent, reason);
            }
            StepAttempt attempt = StepDispatcher.attemptOf(e);
            StepWrite write = StepWrite.status(key, parent, StepStatus.FAILED).withError(reason);
            if (attempt != null) {
                write = write.withHandler(attempt.handler(), attempt.sha256(), attempt.attempt());
            }
            state.end(key, StepStatus.FAILED, null, null, reason);
            records.step(workflowId, write);
            throw new StepFailure(reason);
        }
    }

    private StepFailure fail(StepKey key, StepKey parent, String reason) {
        state.end(key, StepStatus.FAILED, null, null, reason);
        records.step(workflowId, StepWrite.status(key, parent, StepStatus.FAILED).withError(reason));
        return new StepFailure(reason);
    }

    @Override
    public CompletionReceipt complete(Completion completion) {
        state.complete(completion);
        return new CompletionReceipt(completion.step().toString(), completion.outcome());
    }

    @Override
    public void validateComplete(Completion completion) {
        CompletionRules.check(template, state, completion);
    }

    @Override
    public Progress progress() {
        return template == null
                ? new Progress(null, 0, "STARTING", null, null, List.of())
                : state.progress(template.code(), template.version());
    }
}
