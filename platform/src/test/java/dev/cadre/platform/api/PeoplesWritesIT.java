package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege over real HTTP: each instance task of {@code people-flow} is assigned to one data owner
 * ({@code config.assignee = instance + '.owner'}); a data owner writes only the file their own waiting
 * task's form takes, never a reserved name, and completes only their own instance; completion data is
 * checked against the task's form (400 naming the field); their inbox holds their own instance only; the run's artifact count and bytes stop at
 * their limits (413 naming the limit).
 */
class PeoplesWritesIT {

    static final int MAX_ARTIFACTS = 4;
    static final int MAX_BYTES = 2_000;

    @TempDir
    static Path home;

    static ApiFixture api;
    static final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home, Map.of("CADRE_RUN_MAX_ARTIFACTS", String.valueOf(MAX_ARTIFACTS),
                "CADRE_RUN_MAX_ARTIFACT_BYTES", String.valueOf(MAX_BYTES)));
        for (String user : List.of("finance.owner", "hr.owner")) {
            tokens.put(user, api.postJson("/api/users", api.json(Map.of("username", user, "roles", List.of("data-owner"))))
                    .expect(201).json().get("token").asText());
        }
        JsonNode imported = api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/people-flow.json")))
                .expect(201).json();
        assertEquals(0, imported.get("warnings").size(), imported.toString());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aDataOwnerWritesAndCompletesOnlyWhatTheirOwnTaskTakes() {
        String id = startRun("OWNERS-1");
        String base = "/api/workflows/" + id + "/artifacts/";
        byte[] csv = bytes("document,sample_id\nledger,1\n");
        JsonNode inbox = as("finance.owner", api.request("/api/tasks?mine=true&workflowId=" + id).GET()).expect(200).json();
        assertEquals(1, inbox.size(), "only their own instance is in their inbox: " + inbox);
        assertEquals("finance", inbox.get(0).get("instanceId").asText());

        Reply other = as("finance.owner", put(base + "evidence/hr.csv", csv));
        assertEquals("forbidden", other.error(403), "another owner's evidence");
        assertTrue(other.text().contains("evidence/finance.csv"), other.text());
        assertEquals("forbidden", as("finance.owner", put(base + "notes.txt", csv)).error(403), "a name no task of theirs takes");
        assertEquals("forbidden", as("finance.owner", put(base + "evidence/finance.csv.void.json", bytes("{\"void\": true}"))).error(403));
        assertEquals("forbidden", api.put(base + "x.void.json", "application/json", bytes("{\"void\": true}")).error(403),
                "a void marker is the host's, not even an admin's");
        assertEquals(201, as("finance.owner", put(base + "evidence/finance.csv", csv)).status());

        Reply foreign = as("finance.owner", post(complete(id, "UPLOAD_EVIDENCE"), "{\"instanceId\": \"hr\", \"outcome\": \"DONE\"}"));
        assertEquals("forbidden", foreign.error(403), "another owner's instance task");
        assertTrue(foreign.text().contains("hr.owner"), foreign.text());
        Reply missing = as("hr.owner", post(complete(id, "UPLOAD_EVIDENCE"), "{\"instanceId\": \"hr\", \"outcome\": \"DONE\"}"));
        assertEquals("invalid_field", missing.error(400), "no evidence uploaded yet");
        assertEquals("evidence", missing.json().get("details").get("field").asText());
        Reply wrongSha = as("finance.owner", post(complete(id, "UPLOAD_EVIDENCE"),
                "{\"instanceId\": \"finance\", \"outcome\": \"DONE\", \"data\": {\"evidence\": \"" + "0".repeat(64) + "\"}}"));
        assertEquals("evidence", wrongSha.json().get("details").get("field").asText(), wrongSha.text());
        assertEquals(202, as("finance.owner", post(complete(id, "UPLOAD_EVIDENCE"), "{\"instanceId\": \"finance\", \"outcome\": \"DONE\"}"))
                .status());

        // the finished task takes no more files: its owner's writes end with it
        ApiFixture.await("RESPOND waits for finance", () -> api.get("/api/tasks?workflowId=" + id).text().contains("RESPOND"));
        assertEquals("forbidden", as("finance.owner", put(base + "evidence/finance.csv", bytes("other\n"))).error(403));
    }

    @Test
    void restCompletionChecksTheDataAgainstTheForm() {
        String id = startRun("OWNERS-2");
        as("finance.owner", put("/api/workflows/" + id + "/artifacts/evidence/finance.csv", bytes("document,sample_id\nledger,1\n"))).expect(201);
        assertEquals(202, as("finance.owner", post(complete(id, "UPLOAD_EVIDENCE"), "{\"instanceId\": \"finance\", \"outcome\": \"DONE\"}"))
                .status());
        ApiFixture.await("RESPOND waits for finance", () -> api.get("/api/tasks?workflowId=" + id).text().contains("RESPOND"));

        assertField(id, "amount", "{\"due\": \"2026-12-31\", \"decision\": \"agree\"}");
        assertField(id, "amount", "{\"amount\": \"lots\", \"due\": \"2026-12-31\", \"decision\": \"agree\"}");
        assertField(id, "due", "{\"amount\": 12.5, \"due\": \"tomorrow\", \"decision\": \"agree\"}");
        assertField(id, "decision", "{\"amount\": 12.5, \"due\": \"2026-12-31\", \"decision\": \"maybe\"}");
        assertField(id, "owners", "{\"amount\": 12.5, \"due\": \"2026-12-31\", \"decision\": \"agree\", \"owners\": [1]}");
        assertEquals(202, as("finance.owner", post(complete(id, "RESPOND"), "{\"instanceId\": \"finance\", \"outcome\": \"DONE\", \"data\": "
                + "{\"amount\": 12.5, \"due\": \"2026-12-31\", \"decision\": \"agree\", \"owners\": [\"Fiona\"]}}")).status());
    }

    @Test
    void aRunsArtifactsStopAtTheirLimits() {
        String id = startRun("LIMITS");
        String base = "/api/workflows/" + id + "/artifacts/";
        api.put(base + "a.bin", "application/octet-stream", new byte[MAX_BYTES - 100]).expect(201);
        Reply bytes = api.put(base + "b.bin", "application/octet-stream", new byte[200]);
        assertEquals("artifact_limit", bytes.error(413));
        assertEquals("CADRE_RUN_MAX_ARTIFACT_BYTES", bytes.json().get("details").get("limit").asText());
        for (int i = 1; i < MAX_ARTIFACTS; i++) {
            api.put(base + "small-" + i + ".txt", "text/plain", bytes("x" + i)).expect(201);
        }
        Reply count = api.put(base + "one-more.txt", "text/plain", bytes("y"));
        assertEquals("artifact_limit", count.error(413));
        assertEquals("CADRE_RUN_MAX_ARTIFACTS", count.json().get("details").get("limit").asText());
        assertEquals(MAX_ARTIFACTS, api.get("/api/workflows/" + id + "/artifacts").json().size());
    }

    private static void assertField(String id, String field, String data) {
        Reply reply = as("finance.owner", post(complete(id, "RESPOND"), "{\"instanceId\": \"finance\", \"outcome\": \"DONE\", \"data\": " + data + "}"));
        assertEquals("invalid_field", reply.error(400), data);
        assertEquals(field, reply.json().get("details").get("field").asText(), reply.text());
    }

    private static String startRun(String businessKey) {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "people-flow", "businessKey", businessKey,
                "parameters", Map.of("owners", List.of("finance", "hr"))))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("both evidence tasks", () -> api.get("/api/tasks?workflowId=" + id).json().size() == 2);
        return id;
    }

    private static String complete(String id, String code) {
        return "/api/workflows/" + id + "/activities/" + code + "/complete";
    }

    private static HttpRequest.Builder put(String path, byte[] body) {
        return api.request(path).header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpRequest.Builder post(String path, String json) {
        return api.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static Reply as(String user, HttpRequest.Builder request) {
        return api.send(request.setHeader("Authorization", "Bearer " + tokens.get(user)).build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
