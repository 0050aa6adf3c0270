package dev.cadre.platform.engine;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one workflow type of Cadre: it interprets any template, every step a Temporal activity whose
 * type is the step's handler name.
 */
@WorkflowInterface
public interface TemplateWorkflow {

    /** The workflow type name clients and histories use. */
    String TYPE = "TemplateWorkflow";

    /**
     * Runs the template's phases to the end.
     *
     * @param request template, business key and parameters
     * @return counts of what ran; a failed or cancelled run ends with a failure instead
     */
    @WorkflowMethod(name = TYPE)
    WorkflowResult run(WorkflowRequest request);

    /**
     * Completes a waiting manual activity. Refused (by {@link #validateComplete}) unless the activity
     * exists, is manual, is waiting, and the outcome fits its type.
     *
     * @param completion the person's completion
     * @return what was recorded
     */
    @UpdateMethod(name = "complete")
    CompletionReceipt complete(Completion completion);

    /**
     * Checks a completion before it is accepted; throws with the reason when it is refused.
     *
     * @param completion the completion to check
     */
    @UpdateValidatorMethod(updateName = "complete")
    void validateComplete(Completion completion);

    /** @return live progress from workflow state */
    @QueryMethod(name = "progress")
    Progress progress();
}
