package dev.cadre.platform.engine;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A batch of a split fan-out: a child workflow of the run that runs some of a parallel phase's
 * instances (or undoes them, for a compensation) and reports how each step ended.
 */
@WorkflowInterface
public interface FanOutBatchWorkflow {

    /** The workflow type name histories use. */
    String TYPE = "CadreFanOutBatch";

    /**
     * @param batch the instances, and what they may read of the run
     * @return how every step ended; an instance's failure is reported, not thrown
     */
    @WorkflowMethod(name = TYPE)
    BatchResult run(FanOutBatch batch);

    /**
     * A person's completion of one of the batch's tasks, checked and forwarded by the run.
     *
     * @param completion the completion
     */
    @SignalMethod(name = "complete")
    void complete(Completion completion);

    /** Another batch failed: launch nothing more, cancel the running instances, report. */
    @SignalMethod(name = "stop")
    void stop();
}
