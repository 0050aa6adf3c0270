package dev.cadre.platform.console;

import dev.cadre.platform.runs.Runs;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Statistics: handler performance and task times from the run records, as {@code /api/stats/*} serves them. */
final class StatsPage {

    private static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private final Runs stats;
    private final Pages pages;

    StatsPage(Runs stats, Pages pages) {
        this.stats = stats;
        this.pages = pages;
    }

    /** A handler's row. */
    record HandlerRow(String handler, String source, long executions, long failures, long retries, String p50, String p95, String max) {
    }

    /** A task's row. */
    record TaskRow(String activity, String role, long waiting, long overdue, boolean late, long completed, String median, String p95) {
    }

    void show(Visit visit) {
        Duration window = window(visit.query("since").orElse(null));
        List<HandlerRow> handlers = stats.handlerStats(window).stream().map(h -> new HandlerRow(h.handler(), h.source(), h.executions(),
                h.failures(), h.retries(), seconds(h.p50Seconds()), seconds(h.p95Seconds()), seconds(h.maxSeconds()))).toList();
        List<TaskRow> tasks = stats.taskStats(window).stream().map(t -> new TaskRow(t.activity(), t.role(), t.waiting(), t.overdue(),
                t.overdue() > 0, t.completed(), seconds(t.medianSeconds()), seconds(t.p95Seconds()))).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("since", window.toString());
        model.put("handlers", handlers);
        model.put("noHandlers", handlers.isEmpty());
        model.put("tasks", tasks);
        model.put("noTasks", tasks.isEmpty());
        pages.render(visit, 200, "stats", "Statistics", model);
    }

    private static Duration window(String since) {
        if (since == null || since.isBlank()) {
            return DEFAULT_WINDOW;
        }
        try {
            Duration window = Duration.parse(since.strip());
            if (window.isNegative() || window.isZero()) {
                throw ConsoleException.badRequest("The window must be a positive ISO-8601 duration, such as PT24H or P7D.");
            }
            return window;
        } catch (DateTimeParseException e) {
            throw ConsoleException.badRequest("The window must be an ISO-8601 duration, such as PT24H or P7D.");
        }
    }

    private static String seconds(Double value) {
        return value == null ? "" : Formats.duration(Duration.ofMillis(Math.round(value * 1000)));
    }
}
