package dev.cadre.platform.api;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditStates;
import dev.cadre.platform.engine.CompletionReceipt;
import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.runs.RunEndedException;
import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.runs.TaskClaims;
import dev.cadre.platform.runs.TaskCompletion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code /api/workflows}: start, list, detail, complete a manual activity, cancel, resume, retry a failed step, migrate. */
final class WorkflowResource {

    static final int DEFAULT_LIMIT = 50;
    private static final List<String> STATUSES = List.of("RUNNING", "COMPLETED", "FAILED", "CANCELLED");

    /** The body of {@code POST /api/workflows}. */
    record StartBody(String template, Integer version, String businessKey, Map<String, Object> parameters) {
    }

    /** The body of {@code POST .../complete}; completedBy is accepted for older clients and ignored: the caller completed it. */
    record CompleteBody(String instanceId, String outcome, String completedBy, String comment, Map<String, Object> data) {
    }

    /** The body of {@code POST .../migrate}. */
    record MigrateBody(Integer version, String reason) {
    }

    /** A claim's optional body: which instance, as a completion names it. */
    record ClaimBody(String instanceId) {
    }

    /** The optional body of resume, retry and cancel: why. */
    record ReasonBody(String reason) {
    }

    /** The answer to a start. */
    record Started(String workflowId, String runId, int version) {
    }

    /** The answer to a completion the workflow took. */
    record CompletionAccepted(String workflowId, String step, Outcome outcome) {
    }

    /** The answer to cancel and resume. */
    record StatusChange(String workflowId, String status) {
    }

    /** The answer to a claim and an unclaim: who has the task now. */
    record ClaimState(String workflowId, String step, String claimedBy, java.time.Instant claimedAt) {
    }

    /** The answer to a migration. */
    record Migrated(String workflowId, String status, int version) {
    }

    private final Runs runs;
    private final TaskCompletion completion;
    private final Bodies bodies;
    private final AuditLog audit;

    WorkflowResource(Runs runs, TaskCompletion completion, Bodies bodies, AuditLog audit) {
        this.runs = runs;
        this.audit = audit;
        this.completion = completion;
        this.bodies = bodies;
    }

    void start(Call call) {
        StartBody body = bodies.read(call.json(), StartBody.class);
        WorkflowRequest request = new WorkflowRequest(Bodies.text("template", body.template(), 100, true),
                Bodies.range("version", body.version(), 1, Integer.MAX_VALUE), Bodies.text("businessKey", body.businessKey(), 255, true),
                body.parameters() == null ? new LinkedHashMap<>() : body.parameters());
        Workflows.Started started = runs.start(request);
        audit.record(call.actor(), AuditAction.RUN_START, "workflow:" + started.workflowId(), null, AuditStates.run(request, started));
        call.respond(201, new Started(started.workflowId(), started.runId(), started.version()));
    }

    void list(Call call) {
        String status = call.query("status").map(s -> s.toUpperCase(Locale.ROOT)).orElse(null);
        if (status != null && !STATUSES.contains(status)) {
            throw new ApiException(400, "invalid_parameter", "query parameter 'status' must be one of " + STATUSES,
                    Map.of("allowed", STATUSES));
        }
        int limit = call.queryInt("limit", DEFAULT_LIMIT, 1, RunRecordQueries.MAX_LIMIT);
        call.respond(200, runs.list(status, call.query("template").orElse(null), null, limit));
    }

    void detail(Call call) {
        String workflowId = call.path("id");
        call.respond(200, runs.detail(workflowId, true)
                .orElseThrow(() -> ApiException.notFound("workflow_not_found", "no workflow " + workflowId)));
    }

    /**
     * Goes through the engine's completion path: 202 with the receipt, or 409 with the workflow's reason.
     * The caller needs the task (its role or, for a person's task, to be that person; an admin may
     * override, and it is recorded); completedBy is always the caller: a name in the body is ignored.
     */
    void complete(Call call) {
        String workflowId = call.path("id");
        String code = call.path("code");
        completion.mayAct(call.principal(), workflowId, code, true); // who may act is checked before the body is read
        CompleteBody body = bodies.read(call.json(), CompleteBody.class);
        String instanceId = Bodies.line("instanceId", body.instanceId(), 255, false);
        Outcome outcome = Bodies.choice("outcome", body.outcome(), Outcome.class);
        String comment = Bodies.text("comment", body.comment(), 10_000, false);
        Bodies.line("completedBy", body.completedBy(), 200, false); // checked for older clients, never used: the caller completed it
        TaskCompletion.Permit permit = completion.authorize(call.principal(), workflowId, code, instanceId);
        CompletionReceipt receipt = completion.complete(permit, outcome, comment, body.data() == null ? new LinkedHashMap<>() : body.data());
        audit.recordCompletion(call.actor(), permit, outcome);
        call.respond(202, new CompletionAccepted(workflowId, receipt.step(), receipt.outcome()));
    }

    /**
     * Claims a waiting task for the caller (its role or its assignee): 200 with the claim, 409 naming whoever
     * else holds it. No body is needed: an instance task is named by {@code instanceId}, as a query
     * parameter or, as in a completion, in a JSON body.
     */
    void claim(Call call) {
        String workflowId = call.path("id");
        String code = call.path("code");
        String instanceId = instanceId(call, false);
        TaskClaims.Claim claim = completion.claim(call.principal(), workflowId, code, instanceId);
        call.respond(200, new ClaimState(workflowId, step(code, instanceId), claim.holder(), claim.at()));
    }

    /** Ends a claim: its holder may, and an admin may end anyone's (recorded in the audit log). 200, also when none was held. */
    void unclaim(Call call) {
        String workflowId = call.path("id");
        String code = call.path("code");
        String instanceId = instanceId(call, true);
        completion.unclaim(call.principal(), call.actor(), workflowId, code, instanceId);
        call.respond(200, new ClaimState(workflowId, step(code, instanceId), null, null));
    }

    /**
     * The instance of a claim: the query parameter, else the optional JSON body's {@code instanceId}, read
     * only once the caller is known to be one of the people of a waiting task with this code.
     */
    private String instanceId(Call call, boolean adminMay) {
        Optional<String> query = call.query("instanceId");
        if (query.isPresent()) {
            return Bodies.line("instanceId", query.get(), 255, false);
        }
        if (call.exchange().getRequestContentLength() > 0 || call.exchange().getRequestHeaders().contains(io.undertow.util.Headers.TRANSFER_ENCODING)) {
            completion.mayAct(call.principal(), call.path("id"), call.path("code"), adminMay);
            ClaimBody body = bodies.read(call.json(), ClaimBody.class);
            return Bodies.line("instanceId", body.instanceId(), 255, false);
        }
        return "";
    }

    private static String step(String code, String instanceId) {
        return instanceId == null || instanceId.isEmpty() ? code : code + "[" + instanceId + "]";
    }

    void cancel(Call call) {
        String workflowId = call.path("id");
        String reason = reason(call);
        try {
            runs.cancel(workflowId);
        } catch (RunEndedException e) {
            throw ApiException.conflict("workflow_not_running", e.getMessage());
        }
        audit.recordRunChange(call.actor(), AuditAction.RUN_CANCEL, workflowId, null, "reason", reason);
        call.respond(202, new StatusChange(workflowId, "CANCEL_REQUESTED"));
    }

    /** A FAILED or CANCELLED (or lost) run continues from its records: 202, or 409 with the reason. */
    void resume(Call call) {
        String workflowId = call.path("id");
        String reason = reason(call);
        runs.resume(workflowId, call.principal().username(), reason);
        audit.recordRunChange(call.actor(), AuditAction.RUN_RESUME, workflowId, null, "reason", reason);
        call.respond(202, new StatusChange(workflowId, "RESUMED"));
    }

    /**
     * Runs a failed step again (its run continues from its records, from that step on): 202, or 409 with
     * every reason (the run completed or runs, the step did not fail).
     */
    void retry(Call call) {
        String workflowId = call.path("id");
        String code = call.path("code");
        String reason = reason(call);
        runs.retry(workflowId, code, call.principal().username(), reason);
        audit.recordRunChange(call.actor(), AuditAction.RUN_RETRY, workflowId, null, "activity", code, "reason", reason);
        call.respond(202, new StatusChange(workflowId, "RETRIED"));
    }

    /** A body is optional here: {@code {"reason": "..."}} when sent. */
    private String reason(Call call) {
        if (call.contentType().isEmpty()) {
            return null;
        }
        return Bodies.text("reason", bodies.read(call.json(), ReasonBody.class).reason(), 2_000, false);
    }

    /** A RUNNING run moves to another version of its template: 202, or 409 with every reason. */
    void migrate(Call call) {
        String workflowId = call.path("id");
        MigrateBody body = bodies.read(call.json(), MigrateBody.class);
        Integer version = Bodies.range("version", body.version(), 1, Integer.MAX_VALUE);
        if (version == null) {
            throw ApiException.badRequest("missing_field", "'version' is required: the template version to move the run to");
        }
        String reason = Bodies.text("reason", body.reason(), 2_000, false);
        Integer before = runs.find(workflowId).map(run -> run.summary().version()).orElse(null);
        runs.migrate(workflowId, version, call.principal().username(), reason);
        audit.recordRunChange(call.actor(), AuditAction.RUN_MIGRATE, workflowId, before, "version", version, "reason", reason);
        call.respond(202, new Migrated(workflowId, "MIGRATED", version));
    }
}
