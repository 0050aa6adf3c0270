package dev.cadre.platform.api;

import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.users.Principal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/tasks}: the manual-task inbox, WAITING by default, by assignee role or workflow, oldest due first;
 * {@code mine=true} keeps the tasks of the caller's roles.
 */
final class TaskResource {

    static final int DEFAULT_LIMIT = 100;

    private final Runs runs;

    TaskResource(Runs runs) {
        this.runs = runs;
    }

    void inbox(Call call) {
        StepStatus status = call.query("status").map(TaskResource::status).orElse(StepStatus.WAITING);
        int limit = call.queryInt("limit", DEFAULT_LIMIT, 1, RunRecordQueries.MAX_LIMIT);
        boolean mine = call.query("mine").map(Boolean::parseBoolean).orElse(false);
        // the caller's inbox: tasks of their roles not assigned to someone else (an admin's is every task)
        Principal me = call.principal();
        boolean only = mine && !me.isAdmin();
        call.respond(200, runs.tasks(status, call.query("assignee").orElse(null), only ? me.roles() : null, only ? me.username() : null,
                call.query("workflowId").orElse(null), limit));
    }

    private static StepStatus status(String raw) {
        try {
            return StepStatus.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            var allowed = Arrays.stream(StepStatus.values()).map(Enum::name).toList();
            throw new ApiException(400, "invalid_parameter", "query parameter 'status' must be one of " + allowed, Map.of("allowed", allowed));
        }
    }
}
