package dev.cadre.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.engine.CompletionReceipt;
import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.Progress;
import dev.cadre.platform.engine.RunRecovery;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.runs.TaskCompletion;
import dev.cadre.platform.runs.WorkflowDetail;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /api/workflows}: start, list, detail, complete a manual activity, cancel. */
final class WorkflowResource {

    static final int DEFAULT_LIMIT = 50;
    private static final List<String> STATUSES = List.of("RUNNING", "COMPLETED", "FAILED", "CANCELLED");
    private static final Set<String> START_FIELDS = ApiSchemas.START_WORKFLOW.properties();
    // completedBy is accepted for older clients and ignored: the caller is who completed it
    private static final Set<String> COMPLETE_FIELDS = ApiSchemas.COMPLETE_ACTIVITY.properties();

    private static final Set<String> MIGRATE_FIELDS = ApiSchemas.MIGRATE.properties();

    private final Workflows workflows;
    private final RunRecovery recovery;
    private final RunRecordQueries queries;
    private final TaskCompletion completion;
    private final Json json;
    private final ObjectMapper mapper;

    WorkflowResource(Workflows workflows, RunRecovery recovery, RunRecordQueries queries, TaskCompletion completion, Json json) {
        this.workflows = workflows;
        this.recovery = recovery;
        this.queries = queries;
        this.completion = completion;
        this.json = json;
        this.mapper = json.mapper();
    }

    void start(Call call) {
        JsonFields body = JsonFields.of(call.json(), mapper, START_FIELDS);
        WorkflowRequest request = new WorkflowRequest(body.requiredText("template", 100), body.optionalInt("version", 1, Integer.MAX_VALUE),
                body.requiredText("businessKey", 255), body.optionalObject("parameters"));
        Workflows.Started started = workflows.start(request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("workflowId", started.workflowId());
        answer.put("runId", started.runId());
        answer.put("version", started.version());
        call.respond(201, answer);
    }

    void list(Call call) {
        String status = call.query("status").map(s -> s.toUpperCase(java.util.Locale.ROOT)).orElse(null);
        if (status != null && !STATUSES.contains(status)) {
            throw new ApiException(400, "invalid_parameter", "query parameter 'status' must be one of " + STATUSES,
                    Map.of("allowed", STATUSES));
        }
        int limit = call.queryInt("limit", DEFAULT_LIMIT, 1, RunRecordQueries.MAX_LIMIT);
        call.respond(200, queries.workflows(status, call.query("template").orElse(null), null, limit));
    }

    void detail(Call call) {
        String workflowId = call.path("id");
        Optional<Map<String, Object>> run = queries.workflow(workflowId);
        if (run.isEmpty()) {
            // started, but its first record may not be written yet: Temporal is the only witness then
            Progress live = workflows.progress(workflowId)
                    .orElseThrow(() -> ApiException.notFound("workflow_not_found", "no workflow " + workflowId));
            call.respond(200, WorkflowDetail.liveOnly(workflowId, live));
            return;
        }
        Map<String, Object> row = run.get();
        Optional<Progress> live = "RUNNING".equals(row.get("status")) ? workflows.progress(workflowId) : Optional.empty();
        long runId = ((Number) row.get("id")).longValue();
        List<Map<String, Object>> steps = queries.steps(runId, ((Number) row.get("template_id")).longValue());
        Map<String, Object> detail = WorkflowDetail.of(row, json.readMap((String) row.get("parameters")), steps, live, queries.resumptions(runId));
        detail.put("taskEvents", queries.taskEvents(runId));
        detail.put("history", queries.history(runId));
        call.respond(200, detail);
    }

    /**
     * Goes through the engine's completion path: 202 with the receipt, or 409 with the workflow's reason.
     * The caller needs the task's role (an admin may override, and it is recorded); completedBy is always
     * the caller: a name in the body is ignored.
     */
    void complete(Call call) {
        String workflowId = call.path("id");
        String code = call.path("code");
        JsonFields body = JsonFields.of(call.json(), mapper, COMPLETE_FIELDS);
        String instanceId = body.optionalText("instanceId", 255);
        Outcome outcome = body.requiredEnum("outcome", Outcome.class);
        String comment = body.optionalText("comment", 10_000);
        Map<String, Object> data = body.optionalObject("data");
        body.optionalText("completedBy", 200); // checked for older clients, never used: the caller completed it
        TaskCompletion.Permit permit = completion.authorize(call.principal(), workflowId, code, instanceId);
        CompletionReceipt receipt = completion.complete(permit, outcome, comment, data);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("workflowId", workflowId);
        answer.put("step", receipt.step());
        answer.put("outcome", receipt.outcome());
        call.respond(202, answer);
    }

    void cancel(Call call) {
        String workflowId = call.path("id");
        Map<String, Object> row = requireKnown(workflowId);
        if (row != null && !"RUNNING".equals(row.get("status"))) {
            throw ApiException.conflict("workflow_not_running", "workflow " + workflowId + " has already ended " + row.get("status"));
        }
        workflows.cancel(workflowId);
        call.respond(202, Map.of("workflowId", workflowId, "status", "CANCEL_REQUESTED"));
    }

    /** A FAILED or CANCELLED (or lost) run continues from its records: 202, or 409 with the reason. */
    void resume(Call call) {
        String workflowId = call.path("id");
        recovery.resume(workflowId);
        call.respond(202, Map.of("workflowId", workflowId, "status", "RESUMED"));
    }

    /** A RUNNING run moves to another version of its template: 202, or 409 with every reason. */
    void migrate(Call call) {
        String workflowId = call.path("id");
        JsonFields body = JsonFields.of(call.json(), mapper, MIGRATE_FIELDS);
        Integer version = body.optionalInt("version", 1, Integer.MAX_VALUE);
        if (version == null) {
            throw ApiException.badRequest("missing_field", "'version' is required: the template version to move the run to");
        }
        recovery.migrate(workflowId, version);
        call.respond(202, Map.of("workflowId", workflowId, "status", "MIGRATED", "version", version));
    }

    /** @return the run's row, or {@code null} when only Temporal knows it yet; 404 when neither does */
    private Map<String, Object> requireKnown(String workflowId) {
        Optional<Map<String, Object>> row = queries.workflow(workflowId);
        if (row.isEmpty() && workflows.progress(workflowId).isEmpty()) {
            throw ApiException.notFound("workflow_not_found", "no workflow " + workflowId);
        }
        return row.orElse(null);
    }
}
