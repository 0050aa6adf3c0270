package dev.cadre.platform.api;

import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.runs.Runs;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/stats/handlers} and {@code GET /api/stats/tasks}: handler performance and task times
 * over a window ({@code since}, an ISO-8601 duration back from now).
 */
final class StatsResource {

    static final Duration DEFAULT_HANDLER_WINDOW = Duration.ofHours(24);
    static final Duration DEFAULT_TASK_WINDOW = Duration.ofDays(30);
    static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    /** Handler statistics over a window. */
    record HandlerStatsAnswer(String since, List<RunRecordQueries.HandlerStats> handlers) {
    }

    /** Task statistics over a window. */
    record TaskStatsAnswer(String since, List<RunRecordQueries.TaskStats> tasks) {
    }

    private final Runs runs;

    StatsResource(Runs runs) {
        this.runs = runs;
    }

    void handlers(Call call) {
        Duration since = since(call, DEFAULT_HANDLER_WINDOW);
        call.respond(200, new HandlerStatsAnswer(since.toString(), runs.handlerStats(since)));
    }

    void tasks(Call call) {
        Duration since = since(call, DEFAULT_TASK_WINDOW);
        call.respond(200, new TaskStatsAnswer(since.toString(), runs.taskStats(since)));
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
