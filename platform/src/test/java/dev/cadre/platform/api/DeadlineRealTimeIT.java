package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.testing.WebhookReceiver;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadline steps in real time on a real host: a local webhook receiver hears them, the escalated role completes the task. */
class DeadlineRealTimeIT {

    private static final String TEMPLATE = """
            {"code": "quick-deadlines", "name": "Quick deadlines", "version": 1, "phases": [
              {"name": "Review", "order": 1, "executionMode": "sequential", "activities": [
                {"code": "REVIEW_IT", "name": "Review it", "type": "REVIEW", "manual": true, "handler": "ManualActivityHandler",
                 "executionMode": "sequential", "timeoutSeconds": 120, "retryPolicy": {"maximumAttempts": 1},
                 "config": {"assigneeRole": "reviewer", "sla": [
                   {"after": "PT1S", "action": "remind"},
                   {"after": "PT2S", "action": "escalate", "role": "test-lead"}]}}]}]}
            """;

    @Test
    void remindAndEscalateReachTheWebhookAndTheEscalatedRoleCompletes(@TempDir Path home) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        List<String> posts = receiver.posts();
        try (ApiFixture api = new ApiFixture(home, Map.of("CADRE_NOTIFY_WEBHOOK_URL", receiver.url()))) {
            api.postJson("/api/templates?publish=true", TEMPLATE).expect(201);
            String lead = api.postJson("/api/users", api.json(Map.of("username", "tara", "roles", List.of("test-lead"))))
                    .expect(201).json().get("token").asText();
            String id = api.postJson("/api/workflows", api.json(Map.of("template", "quick-deadlines", "businessKey", "REAL-TIME")))
                    .expect(201).json().get("workflowId").asText();

            ApiFixture.await("remind and escalate posted", () -> posts.size() >= 2);
            assertTrue(posts.get(0).contains("\"event\":\"remind\"") && posts.get(0).contains("\"role\":\"reviewer\""), posts.get(0));
            assertTrue(posts.get(1).contains("\"event\":\"escalate\"") && posts.get(1).contains("\"role\":\"test-lead\""), posts.get(1));

            JsonNode inbox = api.send(api.request("/api/tasks?mine=true").setHeader("Authorization", "Bearer " + lead).GET().build()).expect(200).json();
            assertTrue(inbox.toString().contains(id), "the escalated task is in the test lead's inbox: " + inbox);
            assertEquals(202, api.send(api.request("/api/workflows/" + id + "/activities/REVIEW_IT/complete")
                    .setHeader("Authorization", "Bearer " + lead).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\": \"APPROVED\"}")).build()).status());
            ApiFixture.await("the run completes", () -> "COMPLETED".equals(api.get("/api/workflows/" + id).json().get("status").asText()));

            JsonNode detail = api.get("/api/workflows/" + id).expect(200).json();
            assertEquals(2, detail.get("taskEvents").size(), detail.get("taskEvents").toString());
            assertEquals("escalate", detail.get("taskEvents").get(1).get("event").asText());
        } finally {
            receiver.close();
        }
    }
}
