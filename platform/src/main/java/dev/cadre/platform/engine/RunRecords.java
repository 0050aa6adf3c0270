package dev.cadre.platform.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run records: where each workflow and each step stands. Activities run at least once, so every
 * write is idempotent, keyed on the workflow id and (activity code, instance key).
 */
public interface RunRecords {

    /**
     * Records that a workflow started (a replayed start changes nothing but the run id).
     *
     * @param start what started
     */
    void workflowStarted(WorkflowStart start);

    /**
     * Records how many history events one of the run's workflow executions ended with (its own run
     * before continuing as new or ending, or a fan-out batch), for the run's history counts.
     * Idempotent: the largest count written stays.
     *
     * @param workflowId  the workflow
     * @param executionId the Temporal run id of the run's own execution, or a batch's workflow id
     * @param events      its history length
     */
    void executionEnded(String workflowId, String executionId, long events);

    /**
     * Records how a workflow ended and cancels its steps that had not ended.
     *
     * @param workflowId the workflow
     * @param status     COMPLETED, FAILED or CANCELLED
     * @param error      why it failed, or {@code null}
     */
    void workflowEnded(String workflowId, String status, String error);

    /**
     * The one writer of step state: applies the workflow's changes in order, in one transaction (the
     * phase entered first). Each write is an upsert on (activity code, instance key), and an ended
     * step's record never moves backwards, so applying the same changes again changes nothing.
     *
     * @param workflowId the workflow
     * @param changes    what the workflow decided
     */
    void recordSteps(String workflowId, StepChanges changes);

    /**
     * @param workflowId the workflow
     * @return every step the run has recorded, in the order they were first written
     */
    List<RecordedStep> recordedSteps(String workflowId);

    /**
     * @param workflowId   the workflow
     * @param instanceKeys fan-out instances
     * @return the steps of those instances the run has recorded, in the order they were first written
     */
    default List<RecordedStep> recordedSteps(String workflowId, List<String> instanceKeys) {
        java.util.Set<String> wanted = java.util.Set.copyOf(instanceKeys);
        return recordedSteps(workflowId).stream().filter(s -> wanted.contains(s.instanceKey())).toList();
    }

    /**
     * Prepares a run to continue from its records: the run is RUNNING again (on {@code templateVersion},
     * its steps matched to that version by activity code), steps that did not end well are PENDING
     * (they run again), and the resumption is recorded with its reason.
     *
     * @param workflowId      the workflow
     * @param templateVersion the template version it continues on
     * @param reason          why it is resumed, shown in the run's detail
     * @param unlessResumedWithin do nothing if the run was resumed this recently (hosts reconciling at
     *                        the same moment); {@link java.time.Duration#ZERO} always resumes
     * @return whether the run was prepared (false: another caller just resumed it)
     */
    boolean resumed(String workflowId, int templateVersion, String reason, java.time.Duration unlessResumedWithin);

    /**
     * Records a deadline step that fired and applies it to the task: reassign sets its role, escalate
     * adds one.
     *
     * @param workflowId the workflow
     * @param event      what fired
     */
    void taskEvent(String workflowId, TaskEvent event);

    /** @return the workflow ids of every run recorded as RUNNING */
    List<String> runningWorkflowIds();

    /**
     * @param workflowId the workflow
     * @return where the run stands, if it has been recorded
     */
    Optional<RunStatus> status(String workflowId);

    /**
     * @param workflowId the workflow
     * @return the run's identity, template and parameters, if the workflow has started
     */
    Optional<RunInfo> run(String workflowId);

    /**
     * @param runId the run's id
     * @return every step the run has recorded, with its activity's name, type and phase: the audit trail
     */
    List<dev.cadre.plugin.api.RunStep> trail(long runId);

    /**
     * The completed outputs of a run as handlers and expressions see them: a sequential activity's
     * code maps to its output, a parallel one's to a map from instance key to output.
     *
     * @param runId the run's id
     * @return outputs by activity code
     */
    Map<String, Object> outputs(long runId);

    /**
     * The identity of a started run.
     *
     * @param workflowId      Temporal workflow id
     * @param id              {@code workflow_instances.id}
     * @param templateId      {@code workflow_templates.id}
     * @param templateCode    template code
     * @param templateVersion template version
     * @param businessKey     business key
     * @param parameters      start parameters
     */
    record RunInfo(String workflowId, long id, long templateId, String templateCode, int templateVersion,
            String businessKey, Map<String, Object> parameters) {
    }

    /**
     * Where a run stands, as far as starting it again needs.
     *
     * @param workflowId      Temporal workflow id
     * @param status          RUNNING, COMPLETED, FAILED or CANCELLED
     * @param templateCode    template code
     * @param templateVersion template version
     * @param businessKey     business key
     * @param parameters      start parameters
     */
    record RunStatus(String workflowId, String status, String templateCode, int templateVersion, String businessKey,
            Map<String, Object> parameters) {
    }

    /**
     * What a workflow records when it starts.
     *
     * @param workflowId  Temporal workflow id
     * @param runId       Temporal run id
     * @param template    template code
     * @param version     template version
     * @param businessKey business key
     * @param parameters  start parameters
     */
    record WorkflowStart(String workflowId, String runId, String template, int version, String businessKey,
            Map<String, Object> parameters) {
    }
}
