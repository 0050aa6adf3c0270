package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import dev.cadre.platform.plugins.HandlerLease;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole workflow driven only through the admin endpoint: a plugin JAR uploaded, a template imported,
 * the run started, its manual tasks found in the inbox and completed, evidence uploaded and downloaded,
 * and the run seen COMPLETED with the plugin's provenance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminWorkflowIT {

    @TempDir
    static Path home;

    static ApiFixture api;
    static String pluginSha;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        // the template's automated step runs on a handler that only an uploaded plugin provides
        Reply plugin = api.postBytes("/api/plugins", "application/java-archive",
                ApiTestPluginJars.withHandler("api-greeter", "1.0.0", "ApiGreet")).expect(201);
        pluginSha = plugin.json().get("sha256").asText();
        String document = Files.readString(Path.of("src/test/resources/api/api-flow.json"));
        JsonNode imported = api.postJson("/api/templates?publish=true", document).expect(201).json();
        assertEquals("PUBLISHED", imported.get("status").asText());
        assertEquals(0, imported.get("warnings").size(), imported.toString());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    @Order(1)
    void aWholeWorkflowRunsThroughRestAlone() {
        JsonNode started = api.postJson("/api/workflows", api.json(Map.of("template", "api-flow", "businessKey", "REPORT-2026-Q3",
                "parameters", Map.of("owners", List.of("finance", "risk"))))).expect(201).json();
        String id = started.get("workflowId").asText();
        assertNotNull(started.get("runId").asText());
        assertEquals(1, started.get("version").asInt());
        assertEquals(200, api.get("/api/workflows/" + id).status(), "known at once, from the run records or the live query");

        // the data owner's task comes first; evidence goes up before it is done
        JsonNode upload = awaitTask(id, "UPLOAD_EVIDENCE");
        assertEquals("data-owner", upload.get("assigneeRole").asText());
        assertEquals("REPORT-2026-Q3", upload.get("businessKey").asText());
        assertEquals("Upload evidence", upload.get("activityName").asText());
        assertEquals("TASK", upload.get("activityType").asText());
        artifactsRoundTrip(id);

        // a task that is not waiting is refused by the engine with its reason
        Reply notWaiting = complete(id, "GREET", null, "DONE");
        assertEquals("completion_refused", notWaiting.error(409));
        // an outcome that does not fit the task is refused too
        assertEquals("completion_refused", complete(id, "UPLOAD_EVIDENCE", null, "APPROVED").error(409));
        completeWhenWaiting(id, "UPLOAD_EVIDENCE", "", "DONE");

        // two reviews, one per owner, in the reviewer's inbox
        Set<String> owners = new HashSet<>();
        ApiFixture.await("both reviews waiting", () -> {
            owners.clear();
            api.get("/api/tasks?assignee=reviewer&workflowId=" + id).expect(200).json()
                    .forEach(task -> owners.add(task.get("instanceId").asText()));
            return owners.size() == 2;
        });
        assertEquals(Set.of("finance", "risk"), owners);
        assertEquals(0, api.get("/api/tasks?assignee=approver&workflowId=" + id).json().size());
        for (String owner : owners) {
            completeWhenWaiting(id, "REVIEW_EVIDENCE", owner, "APPROVED");
        }
        completeWhenWaiting(id, "APPROVE", "", "APPROVED");

        ApiFixture.await("workflow completed", () -> "COMPLETED".equals(api.get("/api/workflows/" + id).json().get("status").asText()));
        JsonNode detail = api.get("/api/workflows/" + id).expect(200).json();
        assertEquals("REPORT-2026-Q3", detail.get("businessKey").asText());
        assertEquals(1, detail.get("history").get("executions").asInt(), detail.get("history").toString());
        long events = detail.get("history").get("maxEvents").asLong();
        assertTrue(events > 20 && events < 10_240, "the run's history size as Temporal describes it: " + events);
        assertEquals(3, detail.get("phases").size());
        for (JsonNode phase : detail.get("phases")) {
            assertEquals("COMPLETED", phase.get("status").asText(), phase.toString());
        }
        JsonNode greet = activity(detail, "GREET");
        assertEquals("COMPLETED", greet.get("status").asText());
        assertEquals("api-greeter@1.0.0", greet.get("provenance").get("source").asText());
        assertEquals(pluginSha, greet.get("provenance").get("sha256").asText());
        assertEquals(0, greet.get("retries").asInt());
        JsonNode review = activity(detail, "REVIEW_EVIDENCE");
        assertEquals(2, review.get("instances").size());
        assertEquals("APPROVED", review.get("instances").get(0).get("outcome").asText());
        assertEquals(List.of("finance", "risk"), List.of(review.get("instances").get(0).get("instanceId").asText(),
                review.get("instances").get(1).get("instanceId").asText()), "instances in instance order");
        assertEquals(2, review.get("instanceCount").asInt(), review.toString());
        assertEquals("{\"COMPLETED\":2}", review.get("instanceCounts").toString(), "instances by status");
        JsonNode approve = activity(detail, "APPROVE");
        assertEquals("APPROVED", approve.get("outcome").asText());
        // completedBy is the caller (here the bootstrap admin token), never the name in the body
        assertEquals("admin", approve.get("completedBy").asText());
        assertEquals("builtin", approve.get("provenance").get("source").asText());
        assertNotNull(detail.get("completedAt").asText());

        assertTrue(api.get("/api/workflows?status=COMPLETED&template=api-flow").expect(200).text().contains(id));
        assertEquals(0, api.get("/api/tasks?workflowId=" + id).json().size(), "nothing left waiting");
        assertEquals(2, api.get("/api/tasks?status=COMPLETED&assignee=reviewer&workflowId=" + id).json().size());
        assertEquals("completion_refused", complete(id, "APPROVE", null, "APPROVED").error(409), "the run has ended");
        assertEquals("workflow_not_running", api.post("/api/workflows/" + id + "/cancel").error(409));
    }

    private static void artifactsRoundTrip(String id) {
        String base = "/api/workflows/" + id + "/artifacts/";
        byte[] csv = "sample_id,amount\n1,100\n".getBytes(StandardCharsets.UTF_8);
        JsonNode stored = api.put(base + "evidence/finance.csv", "text/csv", csv).expect(201).json();
        assertEquals("evidence/finance.csv", stored.get("name").asText());
        assertEquals(csv.length, stored.get("size").asInt());
        assertEquals(200, api.put(base + "evidence/finance.csv", "text/csv", csv).status(), "same content again is a no-op");
        byte[] other = "sample_id,amount\n1,999\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("artifact_exists", api.put(base + "evidence/finance.csv", "text/csv", other).error(409));
        assertEquals(201, api.put(base + "evidence/finance.csv?replace=true", "text/csv", other).status());

        Reply download = api.get(base + "evidence/finance.csv").expect(200);
        assertArrayEquals(other, download.raw().body());
        assertEquals("text/csv", download.header("Content-Type"));
        JsonNode listed = api.get("/api/workflows/" + id + "/artifacts").expect(200).json();
        assertEquals("evidence/finance.csv", listed.get(0).get("name").asText());
        assertEquals(stored.get("sha256").asText().length(), listed.get(0).get("sha256").asText().length());
        assertEquals(other.length, listed.get(0).get("size").asInt());

        assertEquals("artifact_not_found", api.get(base + "evidence/none.csv").error(404));
        assertEquals("invalid_artifact_name", api.put(base + "evidence/..", "text/csv", csv).error(400));
        assertEquals("invalid_artifact_name", api.put(base + "bad%20name.csv", "text/csv", csv).error(400));
        assertEquals("payload_too_large", api.put(base + "big.bin", "application/octet-stream", new byte[ApiFixture.MAX_UPLOAD + 1]).error(413));
        // uploads may exceed the JSON limit
        assertEquals(201, api.put(base + "medium.bin", "application/octet-stream", new byte[ApiFixture.MAX_JSON * 4]).status());
    }

    @Test
    @Order(2)
    void cancellingAWorkflowOverRest() {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "api-flow", "version", 1, "businessKey", "CANCEL-ME",
                "parameters", Map.of("owners", List.of("finance"))))).expect(201).json().get("workflowId").asText();
        awaitTask(id, "UPLOAD_EVIDENCE");
        JsonNode running = api.get("/api/workflows/" + id).expect(200).json();
        assertEquals("RUNNING", running.get("status").asText());
        assertTrue(running.get("live").asBoolean());
        assertEquals("Prepare", running.get("currentPhase").asText());
        assertEquals("WAITING", activity(running, "UPLOAD_EVIDENCE").get("status").asText());
        assertEquals("PENDING", activity(running, "APPROVE").get("status").asText());
        assertTrue(api.get("/api/workflows?status=RUNNING").text().contains(id));

        assertEquals(202, api.post("/api/workflows/" + id + "/cancel").status());
        ApiFixture.await("workflow cancelled", () -> "CANCELLED".equals(api.get("/api/workflows/" + id).json().get("status").asText()));
        JsonNode detail = api.get("/api/workflows/" + id).json();
        assertFalse(detail.get("live").asBoolean());
        assertEquals("CANCELLED", activity(detail, "UPLOAD_EVIDENCE").get("status").asText());
        assertEquals("workflow_not_running", api.post("/api/workflows/" + id + "/cancel").error(409));
    }

    @Test
    @Order(3)
    void cancelledRunResumesOverRestAndRefusalsSayWhy() {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "api-flow", "version", 1, "businessKey", "RESUME-ME",
                "parameters", Map.of("owners", List.of("finance"))))).expect(201).json().get("workflowId").asText();
        awaitTask(id, "UPLOAD_EVIDENCE");
        assertEquals("recovery_refused", api.post("/api/workflows/" + id + "/resume").error(409), "a running run is not resumed");
        assertEquals(202, api.post("/api/workflows/" + id + "/cancel").status());
        ApiFixture.await("workflow cancelled", () -> "CANCELLED".equals(api.get("/api/workflows/" + id).json().get("status").asText()));

        assertEquals("RESUMED", api.post("/api/workflows/" + id + "/resume").expect(202).json().get("status").asText());

        ApiFixture.await("the task is open again", () -> "WAITING".equals(activity(api.get("/api/workflows/" + id).json(), "UPLOAD_EVIDENCE")
                .get("status").asText()));
        JsonNode detail = api.get("/api/workflows/" + id).expect(200).json();
        assertEquals("RUNNING", detail.get("status").asText());
        assertEquals("COMPLETED", activity(detail, "GREET").get("status").asText(), "a completed step is not run again");
        assertEquals(1, detail.get("resumptions").size());
        assertEquals("CANCELLED", detail.get("resumptions").get(0).get("fromStatus").asText());
        assertEquals("resumed by admin after it ended CANCELLED", detail.get("resumptions").get(0).get("reason").asText(),
                "the resumption names who resumed it");
        Reply notFailed = api.postJson("/api/workflows/" + id + "/activities/GREET/retry", "{\"reason\": \"again\"}");
        assertEquals("recovery_refused", notFailed.error(409));
        assertTrue(notFailed.text().contains("step GREET did not fail"), notFailed.text());

        Reply sameVersion = api.postJson("/api/workflows/" + id + "/migrate", "{\"version\": 1}");
        assertEquals("recovery_refused", sameVersion.error(409));
        assertTrue(sameVersion.json().get("details").get("reasons").toString().contains("already on version 1"), sameVersion.text());
        assertEquals("template_not_found", api.postJson("/api/workflows/" + id + "/migrate", "{\"version\": 9}").error(404));
        assertEquals(400, api.postJson("/api/workflows/" + id + "/migrate", "{}").status());
        assertEquals("workflow_not_found", api.post("/api/workflows/no-such-run/resume").error(404));
        assertEquals(202, api.post("/api/workflows/" + id + "/cancel").status());
    }

    @Test
    @Order(4)
    void startingOnAnUnknownVersionIs404() {
        assertEquals("template_not_found", api.postJson("/api/workflows",
                "{\"template\": \"api-flow\", \"version\": 9, \"businessKey\": \"k\"}").error(404));
    }

    /** Last: closes the shared server while a request waits for a plugin's running activity to finish. */
    @Test
    @Order(99)
    void closingLetsInFlightRequestsFinish() throws Exception {
        HandlerLease running = api.host.handlers().lease("ApiGreet").orElseThrow(); // an activity still on the plugin
        CompletableFuture<Reply> removal = CompletableFuture.supplyAsync(() -> api.delete("/api/plugins/api-greeter?timeoutSeconds=60"));
        ApiFixture.await("removal in flight", () -> !api.host.handlers().knows("ApiGreet"));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(api.server::close);
        Awaitility.await("close waits for the request in flight").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> !closing.isDone());
        assertEquals("shutting_down", api.get("/api/health").error(503), "new requests are turned away while it drains");
        running.close();
        JsonNode removed = removal.get(30, TimeUnit.SECONDS).expect(200).json();
        assertTrue(removed.get("unloaded").asBoolean());
        closing.get(30, TimeUnit.SECONDS);
        assertThrows(UncheckedIOException.class, () -> api.get("/api/health"), "no longer listening");
    }

    private static JsonNode awaitTask(String workflowId, String code) {
        JsonNode[] found = new JsonNode[1];
        ApiFixture.await(code + " waiting", () -> {
            for (JsonNode task : api.get("/api/tasks?workflowId=" + workflowId).expect(200).json()) {
                if (task.get("activityCode").asText().equals(code)) {
                    found[0] = task;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static Reply complete(String workflowId, String code, String instanceId, String outcome) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (instanceId != null) {
            body.put("instanceId", instanceId);
        }
        body.put("outcome", outcome);
        body.put("completedBy", "test-" + switch (code) {
            case "APPROVE" -> "approver";
            case "UPLOAD_EVIDENCE" -> "data-owner";
            default -> "reviewer";
        });
        body.put("comment", "checked");
        body.put("data", Map.of("by", "test"));
        return api.postJson("/api/workflows/" + workflowId + "/activities/" + code + "/complete", api.json(body));
    }

    /**
     * Completes a task from the inbox. The row turns WAITING just before the workflow starts waiting for
     * it, so a refusal in that instant is retried (as a person would).
     */
    private static void completeWhenWaiting(String workflowId, String code, String instanceId, String outcome) {
        awaitTask(workflowId, code);
        ApiFixture.await(code + " accepted", () -> {
            Reply reply = complete(workflowId, code, instanceId, outcome);
            if (reply.status() == 202) {
                assertEquals(outcome, reply.json().get("outcome").asText());
                return true;
            }
            reply.error(409);
            return false;
        });
    }

    private static JsonNode activity(JsonNode detail, String code) {
        for (JsonNode phase : detail.get("phases")) {
            for (JsonNode activity : phase.get("activities")) {
                if (activity.get("code").asText().equals(code)) {
                    return activity;
                }
            }
        }
        throw new AssertionError("no activity " + code + " in " + detail);
    }
}
