package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.runs.JdbcRunRecordQueries;
import dev.cadre.platform.testing.Sql;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/stats/handlers} and {@code /api/stats/tasks} over known run records written into a
 * real host's database, the window, bad input, and the plan on a table of 200,000 steps.
 */
class StatsIT {

    private static final String ROW = """
            INSERT INTO workflow_activities (workflow_instance_id, activity_template_id, activity_code, phase_name, instance_id,
                execution_mode, status, handler_name, handler_source, retry_count, assignee_role, due_at, started_at, completed_at)
            VALUES (?, ?, ?, 'Stats', ?, 'parallel', ?, ?, ?, ?, ?, now() + ?::interval, now() - ?::interval, now() - ?::interval + ?::interval)
            """;

    @TempDir
    static Path home;

    static ApiFixture api;
    static DataSource data;
    static long run;
    static long activityTemplate;
    static int instance;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home);
        data = api.host.database().dataSource();
        Map<String, Object> template = Sql.query(data, """
                SELECT t.id AS template, min(a.id) AS activity FROM workflow_templates t JOIN workflow_activity_templates a ON a.template_id = t.id
                WHERE t.code = 'test-cycle' GROUP BY t.id""").get(0);
        activityTemplate = ((Number) template.get("activity")).longValue();
        run = run("STATS-1", ((Number) template.get("template")).longValue());

        // StatsAlpha, 2 hours ago: 10 completed taking 1..10 s (the first after 2 retries), 1 failed after 20 s
        for (int seconds = 1; seconds <= 10; seconds++) {
            step("ALPHA", "COMPLETED", "StatsAlpha", "stats@1.0.0", seconds == 1 ? 2 : 0, null, null, "2 hours", seconds + " seconds");
        }
        step("ALPHA", "FAILED", "StatsAlpha", "stats@1.0.0", 2, null, null, "2 hours", "20 seconds");
        // three days ago: outside the default window
        step("ALPHA", "COMPLETED", "StatsAlpha", "stats@1.0.0", 0, null, null, "3 days", "100 seconds");
        // the same handler name from the previous plugin version is its own row
        step("ALPHA", "COMPLETED", "StatsAlpha", "stats@0.9.0", 0, null, null, "1 hour", "4 seconds");

        // people: three reviews waiting (one overdue), four completed in 1, 2, 3 and 4 hours
        step("STATS_REVIEW", "WAITING", "ManualActivityHandler", "builtin", 0, "reviewer", "1 day", "1 hour", null);
        step("STATS_REVIEW", "WAITING", "ManualActivityHandler", "builtin", 0, "reviewer", "1 day", "1 hour", null);
        step("STATS_REVIEW", "WAITING", "ManualActivityHandler", "builtin", 0, "reviewer", "-1 hour", "2 days", null);
        for (int hours = 1; hours <= 4; hours++) {
            step("STATS_REVIEW", "COMPLETED", "ManualActivityHandler", "builtin", 0, "reviewer", "1 day", "10 hours", hours + " hours");
        }
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static long run(String workflowId, long templateId) {
        return ((Number) Sql.query(data, """
                INSERT INTO workflow_instances (workflow_id, run_id, template_id, template_code, template_version, business_key, status)
                VALUES (?, 'r', ?, 'test-cycle', 1, ?, 'RUNNING') RETURNING id""", workflowId, templateId, workflowId).get(0).get("id")).longValue();
    }

    /** One step; {@code due} (a manual task's due time from now) or {@code took} may be null. */
    private static void step(String code, String status, String handler, String source, int retries, String role, String due, String startedAgo,
            String took) {
        Sql.update(data, ROW, run, activityTemplate, code, String.valueOf(++instance), status, handler, source, retries, role, due, startedAgo,
                startedAgo, took);
    }

    private static Map<String, JsonNode> bySource(JsonNode handlers, String handler) {
        return java.util.stream.StreamSupport.stream(handlers.spliterator(), false).filter(h -> h.get("handler").asText().equals(handler))
                .collect(Collectors.toMap(h -> h.get("source").asText(), h -> h));
    }

    @Test
    void handlersInTheDefaultWindow() {
        JsonNode body = api.get("/api/stats/handlers").expect(200).json();
        assertEquals("PT24H", body.get("since").asText());
        Map<String, JsonNode> alpha = bySource(body.get("handlers"), "StatsAlpha");
        assertEquals(2, alpha.size(), alpha.toString());
        JsonNode current = alpha.get("stats@1.0.0");
        assertEquals(11, current.get("executions").asLong());
        assertEquals(1, current.get("failures").asLong());
        assertEquals(4, current.get("retries").asLong());
        assertEquals(6.0, current.get("p50Seconds").asDouble(), 0.01);
        assertEquals(15.0, current.get("p95Seconds").asDouble(), 0.01, "percentile_cont between 10 s and 20 s");
        assertEquals(20.0, current.get("maxSeconds").asDouble(), 0.01);
        assertEquals(1, alpha.get("stats@0.9.0").get("executions").asLong());
        assertTrue(bySource(body.get("handlers"), "ManualActivityHandler").get("builtin").get("p50Seconds").isNull(),
                "a person's time is not a handler's duration");
    }

    @Test
    void aLongerWindowTakesOlderExecutions() {
        JsonNode body = api.get("/api/stats/handlers?since=P7D").expect(200).json();
        assertEquals("PT168H", body.get("since").asText());
        JsonNode current = bySource(body.get("handlers"), "StatsAlpha").get("stats@1.0.0");
        assertEquals(12, current.get("executions").asLong());
        assertEquals(100.0, current.get("maxSeconds").asDouble(), 0.01);
    }

    @Test
    void tasksWaitingOverdueAndTimeToComplete() {
        JsonNode body = api.get("/api/stats/tasks").expect(200).json();
        JsonNode review = null;
        for (JsonNode task : body.get("tasks")) {
            if (task.get("activity").asText().equals("STATS_REVIEW")) {
                review = task;
            }
        }
        assertEquals("reviewer", review.get("role").asText());
        assertEquals(3, review.get("waiting").asLong());
        assertEquals(1, review.get("overdue").asLong());
        assertEquals(4, review.get("completed").asLong());
        assertEquals(2.5 * 3600, review.get("medianSeconds").asDouble(), 0.5);
        assertEquals(3.85 * 3600, review.get("p95Seconds").asDouble(), 0.5);
        JsonNode lastHour = api.get("/api/stats/tasks?since=PT1H").expect(200).json();
        assertTrue(lastHour.toString().contains("\"completed\":0"), "completions ten hours ago are outside an hour's window: " + lastHour);
    }

    @Test
    void aBadWindowIs400NamingTheParameter() {
        for (String since : List.of("yesterday", "-PT1H", "PT0S", "P400D", "24")) {
            for (String route : List.of("/api/stats/handlers", "/api/stats/tasks")) {
                Reply reply = api.get(route + "?since=" + since);
                assertEquals("invalid_parameter", reply.error(400), route + "?since=" + since);
                assertTrue(reply.json().get("message").asText().contains("'since'"), reply.text());
                assertEquals("since", reply.json().get("details").get("parameter").asText());
            }
        }
    }

    /**
     * 200,000 steps over two months (-Dcadre.stats.steps=1000000 for the benchmark in the README): a day's
     * window is read through the stats index, never by a sequential scan.
     */
    @Test
    void aDayOfAManyDayTableIsReadThroughTheIndex() {
        int steps = Integer.getInteger("cadre.stats.steps", 200_000);
        long bulk = run("STATS-BULK", ((Number) Sql.query(data, "SELECT id FROM workflow_templates WHERE code = 'test-cycle'").get(0).get("id"))
                .longValue());
        Sql.update(data, """
                INSERT INTO workflow_activities (workflow_instance_id, activity_template_id, activity_code, phase_name, instance_id,
                    execution_mode, status, handler_name, handler_source, retry_count, started_at, completed_at)
                SELECT ?, ?, 'BULK', 'Stats', g::text, 'parallel', CASE WHEN g % 50 = 0 THEN 'FAILED' ELSE 'COMPLETED' END,
                       'Bulk' || (g % 12), 'bulk@1.0.0', g % 3, now() - (g * ? * interval '1 second'),
                       now() - (g * ? * interval '1 second') + interval '2 seconds'
                FROM generate_series(1, ?) g""", bulk, activityTemplate, 60 * 86_400.0 / steps, 60 * 86_400.0 / steps, steps);
        Sql.update(data, "VACUUM ANALYZE workflow_activities");
        String plan = Sql.query(data, "EXPLAIN " + JdbcRunRecordQueries.HANDLER_STATS.replace("?", "86400")).stream()
                .map(row -> String.valueOf(row.values().iterator().next())).collect(Collectors.joining("\n"));
        assertTrue(plan.contains("ix_workflow_activities_stats"), plan);
        assertFalse(plan.contains("Seq Scan on workflow_activities"), plan);

        long began = System.nanoTime();
        JsonNode body = api.get("/api/stats/handlers?since=PT24H").expect(200).json();
        long millis = (System.nanoTime() - began) / 1_000_000;
        long bulkHandlers = java.util.stream.StreamSupport.stream(body.get("handlers").spliterator(), false)
                .filter(h -> h.get("handler").asText().startsWith("Bulk")).count();
        assertEquals(12, bulkHandlers, "the twelve bulk handlers");
        long again = System.nanoTime();
        api.get("/api/stats/handlers?since=PT24H").expect(200);
        System.out.println("GET /api/stats/handlers?since=PT24H over " + (steps + instance) + " steps: " + millis + " ms, then "
                + (System.nanoTime() - again) / 1_000_000 + " ms\n" + plan);
    }
}
