package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import dev.cadre.platform.testing.Sql;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a real host over real HTTP: who may scrape, Cadre's counters equal to the run
 * records after a run, histograms with buckets, bounded label values, the other families (Temporal SDK,
 * HikariCP, JVM, process, requests), and the shipped Grafana dashboard asking only for what is exported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

    private static final Path DASHBOARD = Path.of("../distribution/src/main/conf/grafana/cadre-dashboard.json");
    private static final String BUSINESS_KEY = "METRICS-2026-Q4";

    @TempDir
    static Path home;

    static ApiFixture api;
    static String scraperToken;
    static String workflowId;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.failingFirstAttempt("metrics-flaky", "1.0.0", "MetricsFlaky"))
                .expect(201);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/metrics-flow.json"))).expect(201);
        api.postJson("/api/templates?publish=true&force=true", Files.readString(Path.of("src/test/resources/api/metrics-missing.json"))).expect(201);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/metrics-failing.json"))).expect(201);
        scraperToken = api.postJson("/api/users", api.json(Map.of("username", "prometheus", "roles", List.of("metrics"))))
                .expect(201).json().get("token").asText();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static Reply scrape(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/metrics")).timeout(ApiFixture.PATIENCE);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request.GET().build());
    }

    private static PrometheusText metrics() {
        Reply reply = scrape(scraperToken).expect(200);
        return PrometheusText.parse(reply.text());
    }

    @Test
    @Order(1)
    void onlyAKnownCallerMayScrape() {
        assertEquals("unauthorized", scrape(null).error(401));
        assertEquals("unauthorized", scrape("cadre_not-a-token").error(401));
        Reply reply = scrape(scraperToken).expect(200);
        assertTrue(reply.header("Content-Type").startsWith("text/plain; version=0.0.4"), reply.header("Content-Type"));
        String reviewer = api.postJson("/api/users", api.json(Map.of("username", "rev", "roles", List.of("reviewer")))).expect(201)
                .json().get("token").asText();
        assertEquals("forbidden", scrape(reviewer).error(403));
        scrape(ApiFixture.TOKEN).expect(200);
    }

    @Test
    @Order(2)
    void afterARunTheCountersEqualTheRunRecords() {
        workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "metrics-flow", "businessKey", BUSINESS_KEY)))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the approval waits", () -> api.get("/api/tasks?workflowId=" + workflowId).json().size() == 1);
        ApiFixture.await("the waiting task is counted", () -> metrics().value("cadre_tasks_waiting", "role", "approver") == 1);
        ApiFixture.await("the approval is accepted", () -> api.postJson("/api/workflows/" + workflowId + "/activities/APPROVE/complete",
                "{\"outcome\": \"APPROVED\"}").status() == 202);
        ApiFixture.await("the run completes", () -> "COMPLETED".equals(api.get("/api/workflows/" + workflowId).json().get("status").asText()));

        PrometheusText metrics = metrics();
        var data = api.host.database().dataSource();
        for (Map<String, Object> row : Sql.query(data, """
                SELECT handler_name, handler_source, count(*) AS completed, sum(retry_count) AS retries FROM workflow_activities
                WHERE status = 'COMPLETED' GROUP BY handler_name, handler_source""")) {
            String handler = (String) row.get("handler_name");
            String source = (String) row.get("handler_source");
            assertEquals(((Number) row.get("completed")).doubleValue(),
                    metrics.value("cadre_activity_executions_total", "handler", handler, "source", source, "outcome", "completed"), handler);
            assertEquals(((Number) row.get("retries")).doubleValue(),
                    metrics.value("cadre_activity_executions_total", "handler", handler, "source", source, "outcome", "retried"), handler);
        }
        assertEquals(1, metrics.value("cadre_activity_executions_total", "handler", "MetricsFlaky", "source", "metrics-flaky@1.0.0",
                "outcome", "retried"));
        assertEquals(2, metrics.value("cadre_activity_executions_total", "handler", "AutomatedActivityHandler", "outcome", "completed"));
        assertEquals(0, metrics.value("cadre_activity_executions_total", "outcome", "failed"));

        long started = (Long) Sql.query(data, "SELECT count(*) AS n FROM workflow_instances WHERE template_code = 'metrics-flow'").get(0).get("n");
        assertEquals(started, metrics.value("cadre_workflows_started_total", "template", "metrics-flow"));
        assertEquals(1, metrics.value("cadre_workflows_ended_total", "template", "metrics-flow", "status", "completed"));
        assertEquals(1, metrics.value("cadre_task_wait_seconds_count", "activity", "APPROVE"));
        assertEquals(1, metrics.value("cadre_plugins", "state", "started"));

        ApiFixture.await("the gauge reads the records again", () -> metrics().value("cadre_tasks_waiting", "role", "approver") == 0);
    }

    @Test
    @Order(3)
    void histogramsHaveBuckets() {
        PrometheusText metrics = metrics();
        for (String histogram : List.of("cadre_activity_duration_seconds", "cadre_task_wait_seconds", "http_server_requests_seconds")) {
            List<PrometheusText.Sample> buckets = metrics.matching(histogram + "_bucket");
            assertTrue(buckets.size() > 5, histogram + " has buckets: " + buckets);
            assertTrue(buckets.stream().anyMatch(b -> "+Inf".equals(b.labels().get("le"))), histogram);
            assertFalse(metrics.matching(histogram + "_sum").isEmpty(), histogram);
        }
        assertTrue(metrics.value("cadre_activity_duration_seconds_count", "handler", "MetricsFlaky") >= 2, "both attempts are timed");
        assertTrue(metrics.value("http_server_requests_seconds_count", "route", "/api/workflows/{id}", "method", "GET", "status", "200") > 0,
                "requests by route template");
    }

    @Test
    @Order(4)
    void labelValuesAreBounded() {
        PrometheusText metrics = metrics();
        String runId = api.get("/api/workflows/" + workflowId).json().get("runId").asText();
        Set<String> offending = new TreeSet<>();
        for (PrometheusText.Sample sample : metrics.samples()) {
            for (String value : sample.labels().values()) {
                if (value.contains(workflowId) || value.contains(BUSINESS_KEY) || (!runId.isEmpty() && value.contains(runId))) {
                    offending.add(sample.name() + sample.labels());
                }
            }
        }
        assertEquals(Set.of(), offending, "no workflow id, run id or business key as a label value");
        Set<String> routes = new TreeSet<>();
        metrics.matching("http_server_requests_seconds_count").forEach(s -> routes.add(s.labels().get("route")));
        for (String route : routes) {
            assertTrue(route.equals("unmatched") || api.server.routes().stream().anyMatch(r -> r.path().equals(route)), route);
        }
    }

    @Test
    @Order(5)
    void everyFamilyIsExported() throws Exception {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "metrics-missing", "businessKey", "MISSING-1")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the missing handler is counted", () -> metrics().value("cadre_handler_not_found_total", "handler", "MetricsMissing") >= 1);
        api.post("/api/workflows/" + id + "/cancel").expect(202);
        ApiFixture.await("the Temporal SDK reports", () -> metrics().names().stream().anyMatch(n -> n.startsWith("temporal_")));
        Set<String> names = metrics().names();
        for (String prefix : List.of("cadre_", "temporal_", "hikaricp_", "jvm_", "process_", "http_server_requests_")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), prefix + " in " + names);
        }
    }

    @Test
    @Order(6)
    void theDashboardAsksOnlyForExportedMetrics() throws Exception {
        JsonNode dashboard = api.mapper.readTree(Files.readString(DASHBOARD));
        Set<String> exported = metrics().names();
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        assertTrue(expressions.size() >= 10, "the dashboard has panels: " + expressions);
        Pattern metric = Pattern.compile("\\b((?:cadre|temporal|hikaricp|jvm|process|http_server)_[a-z0-9_]+)");
        Set<String> missing = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = metric.matcher(expr);
            while (m.find()) {
                used.add(m.group(1));
                if (!exported.contains(m.group(1))) {
                    missing.add(m.group(1));
                }
            }
        }
        assertEquals(Set.of(), missing, "dashboard metrics absent from /metrics; exported: " + exported);
        for (String family : List.of("cadre_activity_executions_total", "cadre_activity_duration_seconds_bucket", "cadre_workflows_started_total",
                "cadre_workflows_ended_total", "cadre_tasks_waiting", "cadre_tasks_overdue", "cadre_task_wait_seconds_bucket", "cadre_plugins",
                "cadre_handler_not_found_total")) {
            assertTrue(used.contains(family), "the dashboard shows " + family);
        }
    }

    @Test
    @Order(7)
    void aFailedRunCountsItsFailureAndItsCompensations() {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "metrics-failing", "businessKey", "FAILING-1")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the run fails", () -> "FAILED".equals(api.get("/api/workflows/" + id).json().get("status").asText()));
        ApiFixture.await("the end is counted", () -> metrics().value("cadre_workflows_ended_total", "template", "metrics-failing", "status", "failed") == 1);
        PrometheusText metrics = metrics();
        var data = api.host.database().dataSource();
        for (String status : List.of("FAILED", "COMPENSATED")) {
            for (Map<String, Object> row : Sql.query(data, """
                    SELECT handler_name, handler_source, count(*) AS n FROM workflow_activities WHERE status = ?
                    GROUP BY handler_name, handler_source""", status)) {
                assertEquals(((Number) row.get("n")).doubleValue(), metrics.value("cadre_activity_executions_total", "handler",
                        (String) row.get("handler_name"), "source", (String) row.get("handler_source"), "outcome", status.toLowerCase(java.util.Locale.ROOT)),
                        status + " " + row);
            }
        }
        assertEquals(1, metrics.value("cadre_activity_executions_total", "handler", "MetricsFlaky", "outcome", "failed"),
                "one attempt allowed: its failure is final");
        assertTrue(metrics.value("cadre_activity_executions_total", "outcome", "compensated") >= 1, "the completed start is compensated");
    }
}
