package dev.cadre.platform.engine;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Runs one batch of a split fan-out with the same step logic as the run itself, writing the steps to
 * the run's records; or, for a compensation, undoes the batch's completed automated steps, most recent
 * first. Workflow code.
 */
public class FanOutBatchWorkflowImpl implements FanOutBatchWorkflow {

    private final Logger log = Workflow.getLogger(FanOutBatchWorkflowImpl.class);
    private final Bookkeeping records = new Bookkeeping();
    private final RunState state = new RunState();
    private final ExpressionEngine expressions;
    private final StepRoutes routes;
    private boolean stopped;

    /** @param expressions the host's CEL engine */
    public FanOutBatchWorkflowImpl(ExpressionEngine expressions) {
        this(expressions, StepRoutes.MAIN);
    }

    /** @param expressions the host's CEL engine @param routes which queue each handler's steps go to */
    public FanOutBatchWorkflowImpl(ExpressionEngine expressions, StepRoutes routes) {
        this.expressions = expressions;
        this.routes = routes;
    }

    @Override
    public BatchResult run(FanOutBatch batch) {
        Template template = batch.template();
        PhaseTemplate phase = template.phases().stream().filter(p -> p.name().equals(batch.phase())).findFirst().orElseThrow();
        List<ActivityTemplate> parallel = phase.activities().stream().filter(ActivityTemplate::isParallel).toList();
        StepDispatcher dispatcher = new StepDispatcher(true,
                Workflow.getVersion(StepDispatcher.WRITES_RIDE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1, records, routes);
        if (batch.undo()) {
            return undo(batch, template, phase, parallel, dispatcher);
        }
        for (StepSummary step : batch.upstream()) {
            ActivityTemplate activity = template.activity(step.key().activityCode()).orElseThrow();
            state.adopt(step, template.phaseOf(activity.code()).map(PhaseTemplate::name).orElse(""), activity);
        }
        Map<StepKey, RecordedStep> resumed = new LinkedHashMap<>();
        if (batch.resume()) {
            for (RecordedStep step : records.recordedInstanceSteps(batch.workflowId(), List.copyOf(batch.instances().keySet()))) {
                resumed.put(step.key(), step);
            }
        }
        Map<String, Object> parameters = parallel.stream().anyMatch(a -> a.condition() != null)
                ? records.parameters(batch.workflowId()) : Map.of();
        StepRunner runner = new StepRunner(template, state, records, dispatcher,
                new TaskDeadlineWatch(state, records, batch.workflowId(), batch.businessKey(), true),
                new RunExpressions(expressions, state, parameters), batch.workflowId(), true, resumed);
        String failure = null;
        try {
            InstancePool.run(batch.instances(), batch.parallelism(), () -> stopped,
                    (key, element) -> runner.runInstance(phase, parallel, key, element, batch.phaseStart()));
        } catch (RuntimeException e) {
            if (!CancellationScope.current().isCancelRequested()) {
                failure = e instanceof StepFailure ? e.getMessage() : "unexpected error: " + e;
            }
        }
        Workflow.newDetachedCancellationScope(() -> records.flush(batch.workflowId())).run();
        return new BatchResult(summaries(batch), failure, List.of());
    }

    private List<StepSummary> summaries(FanOutBatch batch) {
        List<StepSummary> summaries = new ArrayList<>();
        for (RunState.Step step : state.steps()) {
            if (step.activity.isParallel() && batch.instances().containsKey(step.key.instanceKey())) {
                Map<String, Object> output = batch.keepOutputs().contains(step.key.activityCode()) ? step.output : null;
                summaries.add(new StepSummary(step.key, step.status, step.outcome, output, step.error));
            }
        }
        return summaries;
    }

    private BatchResult undo(FanOutBatch batch, Template template, PhaseTemplate phase, List<ActivityTemplate> parallel,
            StepDispatcher dispatcher) {
        // the records are the truth: a batch cancelled with its run reported nothing, yet its steps ran
        List<RecordedStep> recorded = records.recordedInstanceSteps(batch.workflowId(), List.copyOf(batch.instances().keySet()));
        for (RecordedStep step : recorded) {
            ActivityTemplate activity = template.activity(step.activityCode()).orElseThrow();
            if (step.status() == StepStatus.COMPLETED && activity.isParallel() && !activity.manual()) {
                state.open(step.key(), phase.name(), activity);
                state.end(step.key(), StepStatus.COMPLETED, step.output(), null, null);
                state.completedAutomated(new RunState.Compensable(step.key(), activity, batch.instances().get(step.instanceKey()),
                        SplitFanOut.parentOf(step.key(), parallel, batch.phaseStart()), step.output()));
            }
        }
        List<String> failed = new Compensation(state, dispatcher, records, batch.workflowId(), true).run();
        log.info("Batch of phase '{}' undid {} step(s), {} failed", batch.phase(), state.steps().size() - failed.size(), failed.size());
        List<StepSummary> undone = state.steps().stream()
                .map(step -> new StepSummary(step.key, step.status, step.outcome, null, step.error)).toList();
        return new BatchResult(undone, null, failed);
    }

    @Override
    public void complete(Completion completion) {
        if (state.acceptsCompletion(completion.step())) {
            state.complete(completion);
        } else {
            log.warn("Completion of {} by {} ignored: the task is not waiting in this batch", completion.step(), completion.completedBy());
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
