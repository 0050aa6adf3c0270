package dev.cadre.plugins.testing;

import dev.cadre.plugins.support.Values;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugin.api.ActivityResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateTestCasesHandlerTest extends ActivityHandlerContract {

    static final String EVIDENCE = "document,id,opened,amount,code\ncontract,ID-1,2024-01-01,1,\n";

    @Override
    protected ActivityHandler handler() {
        return new GenerateTestCasesHandler();
    }

    @Override
    protected TestActivityContext context() {
        return builder().instance("ops/contract").build();
    }

    private static TestActivityContext.Builder builder() {
        return TestActivityContext.builder().activityCode("GENERATE_TEST_CASES")
                .instanceOutput("VALIDATE_DATA_UPLOAD", "ops", Map.of("documents", List.of("ops/contract", "ops/log"),
                        "coverage", Map.of("ops/contract", List.of("opened", "amount"), "ops/log", List.of("code")),
                        "artifact", "evidence/ops.csv", "sha256", ExecuteTestsHandlerTest.sha256(EVIDENCE)))
                .artifact("evidence/ops.csv", "text/csv", EVIDENCE)
                .instanceOutput("VALIDATE_DATA_UPLOAD", "finance", Map.of("coverage", Map.of("finance/contract", List.of("x"))))
                .artifact("requests/ops.json", "application/json", Fixtures.REQUEST);
    }

    @Test
    void oneCasePerSampleAndCoveredAttribute() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(8, output.get("testCaseCount"));
        assertEquals(List.of("amount", "opened"), output.get("attributes"), "request order");
        assertEquals("test-cases/ops/contract.csv", output.get("artifact"));
        List<String> lines = context.artifacts().text("test-cases/ops/contract.csv").lines().toList();
        assertEquals("test_case_id,document,sample_id,attribute", lines.get(0));
        assertEquals("TC-0001,ops/contract,ID-1,amount", lines.get(1));
        assertEquals("TC-0002,ops/contract,ID-1,opened", lines.get(2));
        assertEquals("TC-0008,ops/contract,ID-9,opened", lines.get(8));
    }

    @Test
    void evidenceReplacedAfterValidationFailsWithTheReason() {
        TestActivityContext context = context();
        context.artifacts().putText("evidence/ops.csv", "text/csv", EVIDENCE + "log,ID-1,,,X\n");
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(context));
        assertEquals("EvidenceChanged", failure.type());
        assertTrue(failure.getMessage().startsWith("evidence evidence/ops.csv changed after VALIDATE_DATA_UPLOAD[ops] validated it:"
                + " expected sha256 " + ExecuteTestsHandlerTest.sha256(EVIDENCE) + ", found "), failure.getMessage());
    }

    @Test
    void rejectsADocumentTheOwnerDidNotUpload() {
        ActivityFailure failure = assertThrows(ActivityFailure.class,
                () -> handler().execute(builder().instance("ops/invoice").build()));
        assertTrue(failure.getMessage().contains("document ops/invoice is not among the documents"), failure.getMessage());
    }

    @Test
    void rollbackVoidsTheTestCasesUntilTheyAreGeneratedAgain() throws Exception {
        TestActivityContext context = context();
        ActivityResult result = handler().execute(context);
        handler().compensate(context, result);

        Map<String, Object> marker = Values.asMap(Json.parse("m", context.artifacts().text("test-cases/ops/contract.csv.void.json")), "m");
        assertEquals(true, marker.get("void"));
        assertEquals("GENERATE_TEST_CASES[ops/contract]", marker.get("by"));
        ActivityFailure failure = assertThrows(ActivityFailure.class,
                () -> Inputs.csv(context, "test-cases/ops/contract.csv", "what EXECUTE_TESTS reads"));
        assertEquals("Voided", failure.type());
        assertTrue(failure.getMessage().contains("voided by GENERATE_TEST_CASES[ops/contract]"), failure.getMessage());

        handler().execute(context);
        assertEquals(8, Inputs.csv(context, "test-cases/ops/contract.csv", "EXECUTE_TESTS").size(),
                "generated again, the test cases are valid again");
    }
}
