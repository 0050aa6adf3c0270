package dev.cadre.plugins.testing;

import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.ActivityFailure;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.InMemoryArtifactStore;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Csv;
import dev.cadre.plugins.support.CsvTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecuteTestsHandlerTest extends ActivityHandlerContract {

    static final String CASES = """
            test_case_id,document,sample_id,attribute
            TC-0001,ops/ledger,ID-1,amount
            TC-0002,ops/ledger,ID-1,opened
            TC-0003,ops/ledger,ID-1,note
            TC-0004,ops/ledger,ID-2,amount
            TC-0005,ops/ledger,ID-2,code
            TC-0006,ops/ledger,ID-3,code
            TC-0007,ops/ledger,ID-9,amount
            """;
    static final String REPORT = """
            id,amount,opened,code,note
            ID-1,1234.50,2024-01-31,A,x  y
            ID-2,10.00,2024-02-01,a,
            ID-3,1,2024-02-02,B,
            """;
    static final String EVIDENCE = """
            document,id,amount,opened,code,note
            ledger,ID-1,"1,234.5",20240131,,x y
            ledger,ID-2,10.01,,A,
            other,ID-3,,,B,
            ledger,ID-9,5,,,
            """;

    @Override
    protected ActivityHandler handler() {
        return new ExecuteTestsHandler();
    }

    @Override
    protected TestActivityContext context() {
        return builder().build();
    }

    private static TestActivityContext.Builder builder() {
        return TestActivityContext.builder().activityCode("EXECUTE_TESTS").instance("ops/ledger")
                .instanceOutput("VALIDATE_DATA_UPLOAD", "ops", Map.of("artifact", "uploads/ops.csv", "sha256", sha256(EVIDENCE)))
                .artifact("attributes.json", "application/json", Fixtures.ATTRIBUTES_JSON)
                .artifact("requests/ops.json", "application/json", Fixtures.REQUEST)
                .artifact("test-cases/ops/ledger.csv", "text/csv", CASES)
                .artifact("report.csv", "text/csv", REPORT)
                .artifact("uploads/ops.csv", "text/csv", EVIDENCE);
    }

    @Test
    void comparesNormalisedValuesOfTheDocumentOnly() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(7, output.get("tested"));
        assertEquals(4, output.get("passed"));
        assertEquals(3, output.get("failed"));
        assertEquals(List.of("amount", "code"), output.get("failedAttributes"));
        CsvTable results = Csv.parse("r", context.artifacts().text("test-results/ops/ledger.csv"));
        assertEquals(List.of("PASS", "PASS", "PASS", "FAIL", "PASS", "FAIL", "FAIL"),
                java.util.stream.IntStream.range(0, results.size()).mapToObj(r -> results.get(r, "result")).toList());
        assertEquals("differs by 0.01 (tolerance 0.005)", results.get(3, "detail"));
        assertEquals("sample not in the document", results.get(5, "detail"), "ID-3 is only in another document");
        assertEquals("sample not in the report", results.get(6, "detail"));
        assertEquals("1,234.5", results.get(0, "evidence_value"));
    }

    @Test
    void evidenceReplacedAfterValidationFailsWithTheReason() {
        TestActivityContext context = context();
        String changed = EVIDENCE.replace("10.01", "10.00");
        context.artifacts().putText("uploads/ops.csv", "text/csv", changed);

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(context));
        assertEquals("EvidenceChanged", failure.type());
        assertFalse(failure.isRetryable());
        assertEquals("evidence uploads/ops.csv changed after VALIDATE_DATA_UPLOAD[ops] validated it: expected sha256 "
                + sha256(EVIDENCE) + ", found " + sha256(changed) + "; EXECUTE_TESTS will not run on evidence nobody"
                + " validated (validate the new file again)", failure.getMessage());
        assertFalse(context.artifacts().list().contains("test-results/ops/ledger.csv"), "no results from unvalidated evidence");
    }

    @Test
    void evidenceRemovedAfterValidationFailsToo() {
        TestActivityContext context = builder().instanceOutput("VALIDATE_DATA_UPLOAD", "ops",
                Map.of("artifact", "uploads/gone.csv", "sha256", sha256(EVIDENCE))).build();
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(context));
        assertEquals("EvidenceChanged", failure.type());
        assertTrue(failure.getMessage().startsWith("evidence uploads/gone.csv is gone"), failure.getMessage());
    }

    static String sha256(String text) {
        return InMemoryArtifactStore.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aConfiguredToleranceWidensDecimalComparison() throws Exception {
        Map<String, Object> output = handler().execute(builder().config("decimalTolerance", 0.05).build()).output();
        assertEquals(2, output.get("failed"));
    }

    @Test
    void rollbackVoidsTheResultsSoObservationsCannotBeRaisedOnThem() throws Exception {
        TestActivityContext context = context();
        ActivityResult result = handler().execute(context);
        handler().compensate(context, result);

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> new CreateObservationsHandler().execute(context.toBuilder()
                .activityCode("CREATE_OBSERVATIONS").sameInstanceOutput("EXECUTE_TESTS", result.output()).build()));
        assertEquals("Voided", failure.type());
        assertEquals(true, context.artifacts().text("test-results/ops/ledger.csv.void.json").contains("\"void\": true"));

        handler().execute(context);
        assertEquals(7, Inputs.csv(context, "test-results/ops/ledger.csv", "CREATE_OBSERVATIONS").size(),
                "executed again, the results are valid again");
    }
}
