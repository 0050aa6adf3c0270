package dev.cadre.platform.runs;

import dev.cadre.platform.engine.Completion;
import dev.cadre.platform.engine.CompletionReceipt;
import dev.cadre.platform.engine.CompletionRefusedException;
import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.WorkflowNotFoundException;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.users.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for a person completing a manual task, used by the REST endpoint and the console: the
 * caller needs the task's role (an admin may override, and the override is recorded), and
 * {@code completedBy} is always the caller.
 */
public final class TaskCompletion {

    private final Workflows workflows;
    private final RunRecordQueries queries;

    /**
     * @param workflows delivers completions to the workflow
     * @param queries   the run records' read side
     */
    public TaskCompletion(Workflows workflows, RunRecordQueries queries) {
        this.workflows = workflows;
        this.queries = queries;
    }

    /**
     * Checks that the caller may complete the task, before anything else of the request is looked at.
     *
     * @param caller     who wants to complete the task
     * @param workflowId the run
     * @param code       the manual activity
     * @param instanceId its instance, or {@code null}/empty
     * @return the permission to complete it, as the caller
     * @throws TaskForbiddenException     when the caller holds none of the task's roles
     * @throws CompletionRefusedException when the task is not waiting
     * @throws WorkflowNotFoundException  when there is no such run
     */
    public Permit authorize(Principal caller, String workflowId, String code, String instanceId) {
        // only a task the records show waiting can be completed: who may do it is known then
        List<String> roles = queries.waitingTaskRoles(workflowId, code, instanceId);
        if (roles.isEmpty()) {
            if (queries.workflow(workflowId).isEmpty() && workflows.progress(workflowId).isEmpty()) {
                throw new WorkflowNotFoundException(workflowId);
            }
            throw new CompletionRefusedException(workflowId, code + (instanceId == null || instanceId.isEmpty() ? "" : "[" + instanceId + "]")
                    + " of workflow " + workflowId + " is not waiting");
        }
        boolean override = false;
        if (roles.stream().noneMatch(caller::hasRole)) {
            if (!caller.isAdmin()) {
                throw new TaskForbiddenException(roles.get(0));
            }
            override = true;
        }
        return new Permit(caller, workflowId, code, instanceId, override);
    }

    /**
     * The caller may complete this task: they hold its role, or are an admin overriding it.
     *
     * @param caller     who completes it (recorded as completedBy)
     * @param workflowId the run
     * @param code       the manual activity
     * @param instanceId its instance, or {@code null}/empty
     * @param override   whether an admin completes a task of a role they do not hold (recorded)
     */
    public record Permit(Principal caller, String workflowId, String code, String instanceId, boolean override) {
    }

    /**
     * Completes the permitted task.
     *
     * @param permit  from {@link #authorize}
     * @param outcome APPROVED, REJECTED or DONE
     * @param comment free text, or {@code null}
     * @param data    what the person supplies, or {@code null}
     * @return what the workflow recorded
     * @throws CompletionRefusedException when the workflow refuses it (not waiting, ended, wrong outcome)
     * @throws WorkflowNotFoundException  when no such run exists
     */
    public CompletionReceipt complete(Permit permit, Outcome outcome, String comment, Map<String, Object> data) {
        String workflowId = permit.workflowId();
        Completion completion = new Completion(permit.code(), permit.instanceId(), outcome, permit.caller().username(), comment, data,
                permit.override());
        try {
            return workflows.complete(workflowId, completion);
        } catch (WorkflowNotFoundException e) {
            // Temporal calls an ended run "not found" for updates; the run records know better
            Optional<Map<String, Object>> row = queries.workflow(workflowId);
            if (row.isPresent()) {
                throw new CompletionRefusedException(workflowId, "workflow " + workflowId + " has already ended " + row.get().get("status"));
            }
            throw e;
        }
    }
}
