package dev.cadre.platform.engine;

import dev.cadre.platform.templates.Template;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The workflow's bookkeeping, run as local activities: their results land in the history as markers,
 * so loading the template makes it part of the run, and record writes cost no task round trip.
 */
@ActivityInterface(namePrefix = "Cadre")
public interface EngineRecords {

    /**
     * @param code    template code
     * @param version a version, or {@code null} for the published one
     * @return the template snapshot the run uses from now on
     */
    @ActivityMethod
    Template loadTemplate(String code, Integer version);

    /** @param start what started */
    @ActivityMethod
    void workflowStarted(RunRecords.WorkflowStart start);

    /**
     * @param workflowId   the workflow
     * @param instanceKeys fan-out instances
     * @return the steps of those instances its records hold, for a batch of a split fan-out
     */
    @ActivityMethod
    java.util.List<RecordedStep> recordedInstanceSteps(String workflowId, java.util.List<String> instanceKeys);

    /** @param workflowId the workflow @return its start parameters, for a batch of a split fan-out whose steps have conditions */
    @ActivityMethod
    java.util.Map<String, Object> parameters(String workflowId);

    /**
     * @param fileId a parameter file a phase fans out over
     * @param offset the first element's position
     * @param limit  how many at most (one batch of the fan-out)
     * @return those elements, in order
     */
    @ActivityMethod
    java.util.List<Object> parameterFileElements(String fileId, int offset, int limit);

    /** @param workflowId the workflow @param changes step-state changes, applied in order in one transaction */
    @ActivityMethod
    void recordSteps(String workflowId, StepChanges changes);

    /** @param workflowId the workflow @param event a deadline step that fired, applied to the task's record */
    @ActivityMethod
    void taskEvent(String workflowId, TaskEvent event);

    /** @param workflowId the workflow @param executionId one of its executions @param events its history length when it ended */
    @ActivityMethod
    void executionEnded(String workflowId, String executionId, long events);

    /** @param workflowId the workflow @param status how it ended @param error why it failed, or null */
    @ActivityMethod
    void workflowEnded(String workflowId, String status, String error);
}
