package dev.cadre.platform.engine;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The saga: undoes a run's completed automated steps, most recent first (the batches of a split
 * fan-out each in a child workflow, most recent batch first). Each compensation is tried
 * a bounded number of times; one that still fails is recorded on its step and named in the run's
 * error, and the others go on. Workflow code.
 */
final class Compensation {

    private final Logger log = Workflow.getLogger(Compensation.class);
    private final RunState state;
    private final StepDispatcher dispatcher;
    private final Bookkeeping records;
    private final String workflowId;

    Compensation(RunState state, StepDispatcher dispatcher, Bookkeeping records, String workflowId) {
        this.state = state;
        this.dispatcher = dispatcher;
        this.records = records;
        this.workflowId = workflowId;
    }

    /** @return the steps whose compensation failed for good, by key */
    List<String> run() {
        List<String> failed = new ArrayList<>();
        for (RunState.Undo undo : state.toCompensate()) {
            if (undo instanceof RunState.SplitBatch batch) {
                failed.addAll(SplitFanOut.undo(batch, state));
                continue;
            }
            RunState.Compensable step = (RunState.Compensable) undo;
            try {
                StepOutcome outcome = dispatcher.compensate(workflowId, step.activity(), step.key(), step.instance(), step.parent(), step.output());
                state.status(step.key(), StepStatus.COMPENSATED);
                records.step(workflowId, StepWrite.status(step.key(), step.parent(), StepStatus.COMPENSATED)
                        .withHandler(outcome.handler(), outcome.sha256(), null));
            } catch (ActivityFailure e) {
                String reason = "compensation failed after " + StepFailures.COMPENSATION_ATTEMPTS + " attempts: " + StepFailures.describe(e);
                log.error("Compensation of {} failed: {}", step.key(), reason);
                failed.add(step.key().toString());
                records.step(workflowId, StepWrite.status(step.key(), step.parent(), StepStatus.COMPLETED).withError(reason));
            }
        }
        return failed;
    }
}
