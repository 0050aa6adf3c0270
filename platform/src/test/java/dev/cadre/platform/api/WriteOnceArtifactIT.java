package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over real HTTP: once a completed step lists an artifact under {@code usedArtifacts} (as
 * VALIDATE_DATA_UPLOAD does with evidence, GENERATE_FINAL_REPORT with the report), even an admin's
 * {@code PUT ...?replace=true} answers 409 naming that step; before, and for artifacts no step used,
 * replacing works as it always did.
 */
class WriteOnceArtifactIT {

    @TempDir
    static Path home;

    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.usingArtifact("api-validator", "ApiValidate"))
                .expect(201);
        String document = Files.readString(Path.of("src/test/resources/api/write-once-flow.json"));
        JsonNode imported = api.postJson("/api/templates?publish=true", document).expect(201).json();
        assertEquals(0, imported.get("warnings").size(), imported.toString());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void anArtifactAStepCompletedOnCannotBeReplaced() {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "write-once-flow", "businessKey", "SEALED-1")))
                .expect(201).json().get("workflowId").asText();
        String base = "/api/workflows/" + id + "/artifacts/";
        awaitTask(id, "UPLOAD_EVIDENCE");

        byte[] first = bytes("document,id\nledger,1\n");
        byte[] second = bytes("document,id\nledger,2\n");
        byte[] third = bytes("document,id\nledger,3\n");
        api.put(base + "evidence/finance.csv", "text/csv", first).expect(201);
        api.put(base + "notes.txt", "text/plain", first).expect(201);
        // nothing has used it yet: an admin may still replace it
        api.put(base + "evidence/finance.csv?replace=true", "text/csv", second).expect(201);

        ApiFixture.await("UPLOAD_EVIDENCE accepted", () -> complete(id, "UPLOAD_EVIDENCE", "DONE").status() == 202);
        awaitTask(id, "REVIEW_EVIDENCE");

        Reply refused = api.put(base + "evidence/finance.csv?replace=true", "text/csv", third);
        assertEquals("artifact_in_use", refused.error(409));
        JsonNode body = refused.json();
        assertTrue(body.get("message").asText().contains("step VALIDATE completed on it"), body.toString());
        assertEquals("VALIDATE", body.get("details").get("activity").asText());
        assertEquals(api.get("/api/workflows/" + id + "/artifacts").json().get(0).get("sha256").asText(),
                body.get("details").get("sha256").asText(), "the SHA-256 the step recorded");
        assertEquals("artifact_exists", api.put(base + "evidence/finance.csv", "text/csv", third).error(409));
        assertEquals(200, api.put(base + "evidence/finance.csv", "text/csv", second).status(), "the same content is still a no-op");
        assertArrayEquals(second, api.get(base + "evidence/finance.csv").expect(200).raw().body());

        // an artifact no step used stays replaceable
        api.put(base + "notes.txt?replace=true", "text/plain", third).expect(201);
        ApiFixture.await("REVIEW_EVIDENCE accepted", () -> complete(id, "REVIEW_EVIDENCE", "APPROVED").status() == 202);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitTask(String workflowId, String code) {
        ApiFixture.await(code + " waiting", () -> {
            for (JsonNode task : api.get("/api/tasks?workflowId=" + workflowId).expect(200).json()) {
                if (task.get("activityCode").asText().equals(code)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static Reply complete(String workflowId, String code, String outcome) {
        return api.postJson("/api/workflows/" + workflowId + "/activities/" + code + "/complete",
                api.json(Map.of("outcome", outcome, "comment", "checked")));
    }
}
