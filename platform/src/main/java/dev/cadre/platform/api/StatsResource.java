package dev.cadre.platform.api;

import dev.cadre.platform.runs.RunRecordQueries;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/stats/handlers} and {@code GET /api/stats/tasks}: handler performance and task times
 * over a window ({@code since}, an ISO-8601 duration back from now).
 */
final class StatsResource {

    static final Duration DEFAULT_HANDLER_WINDOW = Duration.ofHours(24);
    static final Duration DEFAULT_TASK_WINDOW = Duration.ofDays(30);
    static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    private final RunRecordQueries queries;

    StatsResource(RunRecordQueries queries) {
        this.queries = queries;
    }

    void handlers(Call call) {
        Duration since = since(call, DEFAULT_HANDLER_WINDOW);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", since.toString());
        body.put("handlers", queries.handlerStats(since));
        call.respond(200, body);
    }

    void tasks(Call call) {
        Duration since = since(call, DEFAULT_TASK_WINDOW);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", since.toString());
        body.put("tasks", queries.taskStats(since));
        call.respond(200, body);
    }

    private static Duration since(Call call, Duration fallback) {
        String raw = call.query("since").orElse(null);
        if (raw == null) {
            return fallback;
        }
        Duration since;
        try {
            since = Duration.parse(raw);
        } catch (DateTimeParseException e) {
            throw invalid("query parameter 'since' must be an ISO-8601 duration such as PT24H or P7D, got '" + raw + "'");
        }
        if (since.isNegative() || since.isZero() || since.compareTo(LONGEST_WINDOW) > 0) {
            throw invalid("query parameter 'since' must be longer than zero and at most " + LONGEST_WINDOW.toDays() + " days, got '" + raw + "'");
        }
        return since;
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_parameter", message, Map.of("parameter", "since"));
    }
}
