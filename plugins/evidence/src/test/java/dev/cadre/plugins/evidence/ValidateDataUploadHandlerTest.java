package dev.cadre.plugins.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.UploadCheck;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.InMemoryArtifactStore;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateDataUploadHandlerTest extends ActivityHandlerContract {

    static final String REQUEST = Json.write(Json.object("owner", "ops", "keyAttribute", "id",
            "attributes", List.of("opened", "code"), "sampleIds", List.of("ID-002", "ID-007")));
    static final String EVIDENCE = """
            document,id,opened,code
            contract,ID-002,2024-01-01,
            contract,ID-007,2024-02-01,
            status-log,ID-007,,b
            status-log,ID-002,,A
            status-log,ID-099,,C
            """;

    @Override
    protected ActivityHandler handler() {
        return new ValidateDataUploadHandler();
    }

    @Override
    protected TestActivityContext context() {
        return upload(EVIDENCE, InMemoryArtifactStore.sha256(EVIDENCE.getBytes(StandardCharsets.UTF_8)));
    }

    private static TestActivityContext upload(String evidence, String declaredSha256) {
        Map<String, Object> data = declaredSha256 == null ? Map.of() : Map.of("sha256", declaredSha256);
        return TestActivityContext.builder().activityCode("VALIDATE_DATA_UPLOAD").instance("ops")
                .config("evidencePrefix", "uploads/")
                .sameInstanceOutput("UPLOAD_EVIDENCE", Map.of("outcome", "DONE", "completedBy", "ops-lead", "data", data))
                .artifact("requests/ops.json", "application/json", REQUEST)
                .artifact("uploads/ops.csv", "text/csv", evidence).build();
    }

    @Test
    void listsTheDocumentsAndWhatTheyCover() throws Exception {
        Map<String, Object> output = handler().execute(context()).output();

        assertEquals(List.of("ops/contract", "ops/status-log"), output.get("documents"));
        assertEquals(Map.of("ops/contract", List.of("opened"), "ops/status-log", List.of("code")), output.get("coverage"));
        assertEquals(List.of(), output.get("uncovered"));
        assertEquals(true, output.get("checksumVerified"));
        assertEquals(5, output.get("rows"));
        assertEquals("uploads/ops.csv", output.get("artifact"));
    }

    @Test
    void aChecksumIsOptional() throws Exception {
        assertFalse((Boolean) handler().execute(upload(EVIDENCE, null)).output().get("checksumVerified"));
    }

    @Test
    void recordsTheComputedChecksumWhetherOrNotOneWasDeclared() throws Exception {
        String sha256 = InMemoryArtifactStore.sha256(EVIDENCE.getBytes(StandardCharsets.UTF_8));
        for (String declared : java.util.Arrays.asList(null, sha256)) {
            Map<String, Object> output = handler().execute(upload(EVIDENCE, declared)).output();
            assertEquals(sha256, output.get("sha256"));
            assertEquals(Map.of("uploads/ops.csv", sha256), output.get("usedArtifacts"), "the host keeps it write-once");
        }
    }

    @Test
    void malformedCsvIsInvalidEvidenceNamingTheLine() {
        assertInvalid(upload("document,id,opened,code\ncontract,\"ID-002\"x,2024-01-01,\n", null),
                "uploads/ops.csv line 2: invalid CSV: ");
    }

    @Test
    void rejectsAWrongChecksum() {
        assertInvalid(upload(EVIDENCE, "0".repeat(64)), "uploads/ops.csv: SHA-256 is ");
    }

    @Test
    void rejectsAMissingColumn() {
        assertInvalid(upload("document,id,opened\ncontract,ID-002,2024-01-01\n", null),
                "uploads/ops.csv: missing column(s) [code]");
    }

    @Test
    void rejectsADocumentWithoutEveryRequestedSample() {
        assertInvalid(upload("document,id,opened,code\ncontract,ID-002,2024-01-01,\n", null),
                "uploads/ops.csv, document contract: requested sample id(s) [ID-007] missing from column id");
    }

    @Test
    void rejectsARowWithoutDocumentOrTwiceTheSameSample() {
        assertInvalid(upload("document,id,opened,code\n,ID-002,2024-01-01,\n", null),
                "uploads/ops.csv line 2, column document: '' is not a document name");
        assertInvalid(upload("document,id,opened,code\nc,ID-002,,\nc,ID-007,,\nc,ID-002,,\n", null),
                "uploads/ops.csv line 4, column id: sample ID-002 appears twice in document c (first on line 2)");
    }

    @Test
    void rejectsAMissingUpload() {
        TestActivityContext context = TestActivityContext.builder().instance("ops")
                .artifact("requests/ops.json", "application/json", REQUEST).build();
        assertInvalid(context, "evidence evidence/ops.csv was not uploaded");
    }

    @Test
    void checksASubmittedFileAgainstTheRequestBeforeItIsStored() throws Exception {
        InMemoryArtifactStore artifacts = new InMemoryArtifactStore();
        artifacts.putText("requests/ops.json", "application/json", REQUEST);
        ValidateDataUploadHandler check = new ValidateDataUploadHandler();

        assertEquals(List.of("uploads/ops.csv, document contract: requested sample id(s) [ID-007] missing from column id"),
                check.checkUpload(submitted("uploads/ops.csv", "document,id,opened,code\ncontract,ID-002,2024-01-01,\n", artifacts)));
        assertEquals(List.of("uploads/ops.csv: missing column(s) [code]; found [document, id, opened]"), check.checkUpload(
                submitted("uploads/ops.csv", "document,id,opened\ncontract,ID-002,2024-01-01\ncontract,ID-007,2024-01-02\n", artifacts)));
        assertEquals(List.of(), check.checkUpload(submitted("uploads/ops.csv", EVIDENCE, artifacts)));
        assertEquals(List.of(), check.checkUpload(submitted("uploads/other.csv", "not,the,file\n", artifacts)), "another file is not its to check");
        assertEquals(1, artifacts.writeCount(), "a check stores nothing");
    }

    private static UploadCheck.Upload submitted(String name, String content, InMemoryArtifactStore artifacts) {
        return new UploadCheck.Upload("wf-1", "VALIDATE_DATA_UPLOAD", "ops", name, "text/csv", content.getBytes(StandardCharsets.UTF_8),
                Map.of("evidencePrefix", "uploads/"), Map.of(), artifacts);
    }

    private void assertInvalid(TestActivityContext context, String messageStart) {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(context));
        assertEquals("InvalidEvidence", failure.type());
        assertFalse(failure.isRetryable());
        assertEquals(true, failure.getMessage().startsWith(messageStart), failure.getMessage());
    }
}
