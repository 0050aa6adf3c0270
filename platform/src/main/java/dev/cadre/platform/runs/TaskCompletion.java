package dev.cadre.platform.runs;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.InvalidFormException;
import dev.cadre.platform.templates.ReworkRules;
import dev.cadre.platform.templates.TaskForm;

import dev.cadre.platform.engine.Completion;
import dev.cadre.platform.engine.CompletionReceipt;
import dev.cadre.platform.engine.CompletionRefusedException;
import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.WorkflowNotFoundException;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.audit.Actor;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.users.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for a person completing a manual task, used by the REST endpoint and the console: the
 * task must be the caller's ({@link WaitingTask#isFor}: its role and, when it is assigned to a person,
 * that person; an admin may override, and the override is recorded), its {@code data} must fit the
 * task's form ({@link TaskForm}; a file field's value is the SHA-256 of the file stored under its
 * artifact name, filled in when left out), and {@code completedBy} is always the caller.
 */
public final class TaskCompletion {

    private final Workflows workflows;
    private final RunRecordQueries queries;
    private final ArtifactService artifacts;
    private final TaskClaims claims;
    private final AuditLog audit;

    /**
     * @param workflows delivers completions to the workflow
     * @param queries   the run records' read side
     * @param artifacts the run's artifacts and the tasks' forms
     * @param claims    who is working on which task
     * @param audit     where an admin ending someone else's claim is recorded
     */
    public TaskCompletion(Workflows workflows, RunRecordQueries queries, ArtifactService artifacts, TaskClaims claims, AuditLog audit) {
        this.workflows = workflows;
        this.queries = queries;
        this.artifacts = artifacts;
        this.claims = claims;
        this.audit = audit;
    }

    /**
     * Checks that the caller may complete the task, before anything else of the request is looked at.
     *
     * @param caller     who wants to complete the task
     * @param workflowId the run
     * @param code       the manual activity
     * @param instanceId its instance, or {@code null}/empty
     * @return the permission to complete it, as the caller
     * @throws TaskForbiddenException     when the task is not the caller's (and they are no admin)
     * @throws CompletionRefusedException when the task is not waiting
     * @throws WorkflowNotFoundException  when there is no such run
     */
    public Permit authorize(Principal caller, String workflowId, String code, String instanceId) {
        WaitingTask task = waiting(workflowId, code, instanceId);
        boolean override = false;
        if (!task.isFor(caller)) {
            if (!caller.isAdmin()) {
                throw task.roles().stream().anyMatch(caller::hasRole) ? TaskForbiddenException.assignedTo(task.assignee())
                        : new TaskForbiddenException(task.roles().get(0));
            }
            override = true;
        }
        return new Permit(caller, task, override);
    }

    /**
     * Claims a waiting task for the caller, who must be one of its people (its role, or its assignee): an
     * admin who is not gets no claim, since a claim says who does the work.
     *
     * @return the claim the caller now holds
     * @throws TaskForbiddenException when the task is not the caller's
     * @throws TaskClaimedException   when someone else holds it
     */
    public TaskClaims.Claim claim(Principal caller, String workflowId, String code, String instanceId) {
        WaitingTask task = waiting(workflowId, code, instanceId);
        if (!task.isFor(caller)) {
            throw task.roles().stream().anyMatch(caller::hasRole) ? TaskForbiddenException.assignedTo(task.assignee())
                    : new TaskForbiddenException(task.roles().get(0));
        }
        return claims.claim(task, caller.username());
    }

    /**
     * Ends the claim on a waiting task: its holder may, and an admin may end anyone's (recorded in the audit log).
     *
     * @return the claim that ended, or empty when none was held
     * @throws TaskForbiddenException when the caller is neither one of the task's people nor an admin
     * @throws TaskClaimedException   when someone else holds it and the caller is no admin
     */
    public Optional<TaskClaims.Claim> unclaim(Principal caller, Actor actor, String workflowId, String code, String instanceId) {
        WaitingTask task = waiting(workflowId, code, instanceId);
        if (!caller.isAdmin()) {
            if (!task.isFor(caller)) {
                throw task.roles().stream().anyMatch(caller::hasRole) ? TaskForbiddenException.assignedTo(task.assignee())
                        : new TaskForbiddenException(task.roles().get(0));
            }
            claims.ensureFreeFor(task, caller.username());
        }
        Optional<TaskClaims.Claim> ended = claims.release(workflowId, task.code(), task.instanceId());
        ended.filter(c -> !c.holder().equals(caller.username())).ifPresent(c -> audit.record(actor, AuditAction.TASK_UNCLAIM,
                "workflow:" + workflowId + "/" + task.step(), Map.of("claimedBy", c.holder()), null));
        return ended;
    }

    /**
     * Checks, before a request's body is read, that the caller is one of the people of some waiting task
     * with this code (or, when {@code adminMay}, an admin); the full check follows once the instance is known.
     *
     * @throws TaskForbiddenException when no waiting task of that code is the caller's
     */
    public void mayAct(Principal caller, String workflowId, String code, boolean adminMay) {
        java.util.List<WaitingTask> tasks = queries.waitingTasks(workflowId).stream().filter(t -> t.code().equals(code)).toList();
        if (tasks.isEmpty() || (adminMay && caller.isAdmin()) || tasks.stream().anyMatch(t -> t.isFor(caller))) {
            return; // none waiting: the full check says why (404 or 409)
        }
        WaitingTask task = tasks.get(0);
        throw task.roles().stream().anyMatch(caller::hasRole) ? TaskForbiddenException.assignedTo(task.assignee())
                : new TaskForbiddenException(task.roles().get(0));
    }

    /** @return the claim on the task, if someone holds it */
    public Optional<TaskClaims.Claim> claimOf(String workflowId, String code, String instanceId) {
        return claims.holder(workflowId, code, instanceId);
    }

    /**
     * @throws TaskClaimedException when someone other than the permit's caller holds the task (checked
     *                              before a completion's files are stored)
     */
    public void ensureUnclaimedByOthers(Permit permit) {
        claims.ensureFreeFor(permit.task(), permit.caller().username());
    }

    private WaitingTask waiting(String workflowId, String code, String instanceId) {
        String instance = instanceId == null ? "" : instanceId;
        // only a task the records show waiting can be completed or claimed: who may do it is known then
        return queries.waitingTasks(workflowId).stream().filter(t -> t.code().equals(code) && t.instanceId().equals(instance))
                .findFirst().orElseThrow(() -> {
                    if (queries.workflow(workflowId).isEmpty() && workflows.progress(workflowId).isEmpty()) {
                        return new WorkflowNotFoundException(workflowId);
                    }
                    return new CompletionRefusedException(workflowId, code + (instance.isEmpty() ? "" : "[" + instance + "]")
                            + " of workflow " + workflowId + " is not waiting");
                });
    }

    /**
     * The caller may complete this task: it is theirs, or they are an admin overriding it.
     *
     * @param caller   who completes it (recorded as completedBy)
     * @param task     the waiting task
     * @param override whether an admin completes a task that is not theirs (recorded)
     */
    public record Permit(Principal caller, WaitingTask task, boolean override) {

        /** @return the run */
        public String workflowId() {
            return task.workflowId();
        }
    }

    /**
     * Completes the permitted task.
     *
     * @param permit  from {@link #authorize}
     * @param outcome APPROVED, REJECTED or DONE
     * @param comment free text, or {@code null}
     * @param data    what the person supplies, or {@code null}
     * @return what the workflow recorded
     * @throws InvalidFormException       when the data does not fit the task's form (not for a rejection)
     * @throws CompletionRefusedException when the workflow refuses it (not waiting, ended, wrong outcome)
     * @throws WorkflowNotFoundException  when no such run exists
     */
    public CompletionReceipt complete(Permit permit, Outcome outcome, String comment, Map<String, Object> data) {
        String workflowId = permit.workflowId();
        WaitingTask task = permit.task();
        ensureUnclaimedByOthers(permit);
        artifacts.activity(task).ifPresent(activity -> checkOutcome(activity, outcome, comment));
        Map<String, Object> checked = outcome == Outcome.REJECTED || outcome == Outcome.REWORK ? data : checked(task, data);
        Completion completion = new Completion(task.code(), task.instanceId(), outcome, permit.caller().username(), comment, checked,
                permit.override());
        try {
            CompletionReceipt receipt = workflows.complete(workflowId, completion);
            claims.release(workflowId, task.code(), task.instanceId()); // the work is done: the claim ends with it
            return receipt;
        } catch (WorkflowNotFoundException e) {
            // Temporal calls an ended run "not found" for updates; the run records know better
            Optional<Run> run = queries.workflow(workflowId);
            if (run.isPresent()) {
                throw new CompletionRefusedException(workflowId, "workflow " + workflowId + " has already ended " + run.get().status());
            }
            throw e;
        }
    }

    /**
     * A send-back needs a step that declares where work goes back to, and a reason; so does a rejection
     * of such a step (it ends the run instead). The round cap is the workflow's to check (409).
     */
    private static void checkOutcome(ActivityTemplate activity, Outcome outcome, String comment) {
        boolean sendsBack = ReworkRules.onReject(activity).isPresent();
        if (outcome == Outcome.REWORK && !sendsBack) {
            throw new InvalidFormException("outcome", activity.code() + " cannot be sent back for rework: its template declares no "
                    + "config.onReject; use " + String.join(" or ", activity.type().outcomes()));
        }
        if ((outcome == Outcome.REWORK || (outcome == Outcome.REJECTED && sendsBack)) && (comment == null || comment.isBlank())) {
            throw new InvalidFormException("comment", "a comment is required to " + (outcome == Outcome.REWORK
                    ? "send " + activity.code() + " back for rework: say what to change" : "reject " + activity.code() + ": say why"));
        }
    }

    /** @return the data checked against the task's form, each file field's SHA-256 filled in from the stored file */
    private Map<String, Object> checked(WaitingTask task, Map<String, Object> data) {
        Optional<TaskForm> form = artifacts.form(task);
        if (form.isEmpty()) {
            return data;
        }
        Map<String, Object> checked = data == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data);
        for (TaskForm.Field file : form.get().files()) {
            String name = file.artifactFor(task.instanceId());
            Optional<String> stored = artifacts.sha256(task.workflowId(), name);
            Object given = checked.get(file.name());
            if (stored.isEmpty()) {
                if (file.required()) {
                    throw new InvalidFormException(file.name(), "'" + file.label() + "' (" + file.name() + "): upload the file '" + name
                            + "' before completing " + task.step());
                }
                continue;
            }
            if (given == null) {
                checked.put(file.name(), stored.get());
            } else if (!stored.get().equalsIgnoreCase(String.valueOf(given).trim())) {
                throw new InvalidFormException(file.name(), "'" + file.label() + "' (" + file.name() + "): the SHA-256 " + given
                        + " is not that of the stored file '" + name + "' (" + stored.get() + ")");
            }
        }
        form.get().check(checked);
        return checked;
    }
}
