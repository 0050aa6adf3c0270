package dev.cadre.platform.engine;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Interprets a template: phases in order; a sequential phase's activities in sequence order; a
 * parallel phase's sequential activities around one instance per fan-out element, instances
 * concurrent up to {@code maxParallelism}. A failed step fails the run, which compensates completed
 * automated steps in reverse order; cancellation compensates the same way.
 *
 * <p>Deterministic by Temporal's rules: all I/O is in activities, state is insertion-ordered, and CEL
 * expressions are pure. Any change to this logic that alters the commands a history replays must go
 * behind {@code Workflow.getVersion}; {@code TemplateWorkflowReplayTest} replays recorded histories of
 * today's shapes. Runs older than the one-engine-mode cut-off are not replayable (see docs/engine.md).
 */
public class TemplateWorkflowImpl implements TemplateWorkflow {

    /**
     * Past this many events, a run continues as new before its next phase: the next phase may add up to
     * ~2,000 in its own history (bigger fan-outs split), so no execution nears the 10,240-event warning.
     */
    static final int CONTINUE_AS_NEW_EVENTS = 5_000;

    private final Logger log = Workflow.getLogger(TemplateWorkflowImpl.class);
    private final ExpressionEngine expressionEngine;
    private final Bookkeeping records = new Bookkeeping();
    private final RunState state = new RunState();
    private StepDispatcher dispatcher;
    private final Map<StepKey, RecordedStep> resumed = new LinkedHashMap<>();
    private final StepRoutes routes;
    private Template template;
    private String workflowId;
    /** Whether this execution continues from the run records (resumed, or continued as new). */
    private boolean resume;
    private RunExpressions expressions;
    private StepRunner steps;
    private SplitFanOut split;

    /** @param expressions the host's CEL engine */
    public TemplateWorkflowImpl(ExpressionEngine expressions) {
        this(expressions, StepRoutes.MAIN);
    }

    /** @param expressions the host's CEL engine @param routes which queue each handler's steps go to */
    public TemplateWorkflowImpl(ExpressionEngine expressions, StepRoutes routes) {
        this.expressionEngine = expressions;
        this.routes = routes;
    }

    @Override
    public WorkflowResult run(WorkflowRequest request) {
        workflowId = Workflow.getInfo().getWorkflowId();
        dispatcher = new StepDispatcher(records, routes);
        expressions = new RunExpressions(expressionEngine, state, request.parameters());
        template = records.loadTemplate(request.template(), request.version());
        steps = new StepRunner(template, state, records, dispatcher,
                new TaskDeadlineWatch(state, records, workflowId, request.businessKey()), expressions, workflowId, resumed);
        split = new SplitFanOut(template, state, request, workflowId);
        records.workflowStarted(new RunRecords.WorkflowStart(workflowId, Workflow.getInfo().getRunId(), template.code(),
                template.version(), request.businessKey(), request.parameters()));
        resume = request.resume();
        if (resume) {
            // the run's own steps; a fan-out's instances are read when their phase is reached (a split one's by its batches)
            for (RecordedStep step : records.recordedInstanceSteps(workflowId, List.of(""))) {
                resumed.put(step.key(), step);
            }
        }
        log.info("Workflow {} {} template {} v{} for {}", workflowId, request.resume() ? "resumes" : "runs", template.code(),
                template.version(), request.businessKey());
        try {
            StepKey previous = null;
            for (PhaseTemplate phase : template.phases()) {
                continueAsNewIfLong(request, phase);
                state.enterPhase(phase.name());
                records.phaseEnteredLater(phase.name());
                previous = runPhase(phase, previous);
            }
        } catch (RuntimeException e) {
            if (CancellationScope.current().isCancelRequested()) {
                Workflow.newDetachedCancellationScope(() -> end("CANCELLED", "cancelled")).run();
                throw e instanceof CanceledFailure ? e : new CanceledFailure("workflow cancelled");
            }
            String reason = e instanceof StepFailure ? e.getMessage() : "unexpected error: " + e;
            end("FAILED", reason);
            throw ApplicationFailure.newNonRetryableFailure(reason, StepFailures.WORKFLOW_FAILED);
        }
        state.finish("COMPLETED", null);
        records.workflowEnded(workflowId, "COMPLETED", null);
        return new WorkflowResult("COMPLETED", (int) state.count(StepStatus.COMPLETED), (int) state.count(StepStatus.SKIPPED));
    }

    /**
     * Between phases, a run whose history has grown long goes on in a new execution under the same
     * workflow id, which continues from the run records as a resumed run does: ended steps keep their
     * outputs and are not run again.
     */
    private void continueAsNewIfLong(WorkflowRequest request, PhaseTemplate next) {
        boolean longHistory = Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_EVENTS || Workflow.getInfo().isContinueAsNewSuggested();
        if (!longHistory) {
            return;
        }
        records.executionEnded(workflowId, Workflow.getInfo().getRunId());
        log.info("Workflow {} continues as new before phase '{}' after {} history events", workflowId, next.name(),
                Workflow.getInfo().getHistoryLength());
        Workflow.continueAsNew(new WorkflowRequest(template.code(), template.version(), request.businessKey(), request.parameters(), true));
    }

    private void end(String status, String reason) {
        List<String> failedCompensations = new Compensation(state, dispatcher, records, workflowId).run();
        if (!failedCompensations.isEmpty()) {
            reason = reason + "; compensation failed for " + String.join(", ", failedCompensations);
        }
        state.finish(status, reason);
        records.workflowEnded(workflowId, status, reason);
        log.warn("Workflow {} {}: {}", workflowId, status, reason);
    }

    private StepKey runPhase(PhaseTemplate phase, StepKey previous) {
        if (!phase.isParallel()) {
            return steps.runSteps(phase, phase.activities(), null, "", previous);
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
        previous = steps.runSteps(phase, before, null, "", previous);
        if (!parallel.isEmpty()) {
            runInstances(phase, parallel, previous);
        }
        previous = steps.runSteps(phase, after, null, "", previous);
        return previous;
    }

    private void runInstances(PhaseTemplate phase, List<ActivityTemplate> activities, StepKey phaseStart) {
        Optional<ParameterFiles.FanOut> file = expressions.fileFanOut(phase);
        Map<String, Object> instances = null;
        int count;
        if (file.isPresent()) {
            count = file.get().elements();
        } else {
            instances = expressions.fanOut(phase);
            count = instances.size();
        }
        if (count > phase.instanceCap()) {
            throw new StepFailure("phase '" + phase.name() + "' fans out into " + count
                    + " instances, more than its maxInstances of " + phase.instanceCap());
        }
        int cap = phase.maxParallelism() == null ? Math.max(1, count) : phase.maxParallelism();
        if (SplitFanOut.wanted(count, activities)) {
            records.flush(workflowId); // the batches' handlers read the steps before them from the records
            split.run(phase, activities, file.isPresent() ? fileInstances(phase, file.get()) : SplitFanOut.Instances.of(instances), cap, phaseStart);
            return;
        }
        if (instances == null) {
            instances = fileInstances(phase, file.get()).batch(0, count); // few: one page
        }
        log.info("Phase '{}' fans out into {} instances, at most {} at once", phase.name(), instances.size(), cap);
        if (resume) {
            for (RecordedStep step : records.recordedInstanceSteps(workflowId, List.copyOf(instances.keySet()))) {
                resumed.put(step.key(), step);
            }
        }
        InstancePool.run(instances, cap, () -> false,
                (key, element) -> steps.runInstance(phase, activities, key, element, phaseStart));
    }

    /** A phase's instances read from a parameter file a page at a time: no workflow task holds them all. */
    private SplitFanOut.Instances fileInstances(PhaseTemplate phase, ParameterFiles.FanOut file) {
        return new SplitFanOut.Instances() {
            @Override
            public int size() {
                return file.elements();
            }

            @Override
            public Map<String, Object> batch(int offset, int limit) {
                List<Object> elements;
                try {
                    elements = records.parameterFileElements(file.fileId(), offset, limit);
                } catch (io.temporal.failure.ActivityFailure e) {
                    throw new StepFailure("fan-out of phase '" + phase.name() + "' cannot read its elements: " + StepFailures.describe(e));
                }
                return expressions.keyed(phase, elements);
            }
        };
    }

    @Override
    public CompletionReceipt complete(Completion completion) {
        Optional<FanOutBatchWorkflow> batch = split == null ? Optional.empty() : split.route(completion.step());
        if (batch.isPresent()) {
            batch.get().complete(completion); // checked here, completed where the task waits
        } else {
            state.complete(completion);
        }
        return new CompletionReceipt(completion.step().toString(), completion.outcome());
    }

    @Override
    public void validateComplete(Completion completion) {
        if (split != null && split.route(completion.step()).isPresent()) {
            CompletionRules.checkForwarded(template, completion);
        } else {
            CompletionRules.check(template, state, completion);
        }
    }

    @Override
    public Progress progress() {
        return template == null
                ? new Progress(null, 0, "STARTING", null, null, List.of())
                : state.progress(template.code(), template.version());
    }
}
