package dev.cadre.plugins.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Csv;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateObservationsHandlerTest extends ActivityHandlerContract {

    /** amount (CDE) fails 1 of 10, opened (CDE) 2 of 2, code 3 of 4, note 1 of 2. */
    static final String RESULTS = results();

    @Override
    protected ActivityHandler handler() {
        return new CreateObservationsHandler();
    }

    @Override
    protected TestActivityContext context() {
        return TestActivityContext.builder().activityCode("CREATE_OBSERVATIONS").instance("ops/ledger")
                .instanceOutput("EXECUTE_TESTS", "ops/ledger", Map.of("tested", 18L, "failed", 7L))
                .artifact("attributes.json", "application/json", Fixtures.ATTRIBUTES_JSON)
                .artifact("test-results/ops/ledger.csv", "text/csv", RESULTS).build();
    }

    private static String results() {
        List<List<String>> rows = new ArrayList<>();
        add(rows, "amount", 10, 1);
        add(rows, "note", 2, 1);
        add(rows, "code", 4, 3);
        add(rows, "opened", 2, 2);
        return Csv.write(TestResult.HEADER, rows);
    }

    private static void add(List<List<String>> rows, String attribute, int tested, int failed) {
        for (int i = 0; i < tested; i++) {
            boolean fail = i < failed;
            rows.add(List.of("TC-" + rows.size(), "ops/ledger", "ID-" + i, attribute, "r" + i, fail ? "e" + i : "r" + i,
                    fail ? "FAIL" : "PASS", fail ? "values differ" : ""));
        }
    }

    @Test
    void groupsFailuresByAttributeWithASeverity() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(4, output.get("observationCount"));
        assertEquals(List.of(
                Map.of("id", "ops/ledger/amount", "attribute", "amount", "severity", "MEDIUM", "failureCount", 1),
                Map.of("id", "ops/ledger/opened", "attribute", "opened", "severity", "HIGH", "failureCount", 2),
                Map.of("id", "ops/ledger/code", "attribute", "code", "severity", "MEDIUM", "failureCount", 3),
                Map.of("id", "ops/ledger/note", "attribute", "note", "severity", "LOW", "failureCount", 1)),
                output.get("observations"), "dictionary order");
        Map<String, Object> saved = Values.asMap(Json.parse("o", context.artifacts().text("observations/ops/ledger.json")), "o");
        Map<String, Object> opened = Values.maps(saved, "observations", "o").get(1);
        assertEquals(2L, opened.get("tested"));
        assertEquals(List.of("ID-0", "ID-1"), Values.maps(opened, "failures", "f").stream().map(f -> f.get("sampleId")).toList());
        assertEquals("e1", Values.maps(opened, "failures", "f").get(1).get("evidenceValue"));
    }

    @Test
    void noFailuresNoObservations() throws Exception {
        TestActivityContext context = context().toBuilder()
                .artifact("test-results/ops/ledger.csv", "text/csv", Csv.write(TestResult.HEADER, List.of())).build();
        assertEquals(0, handler().execute(context).output().get("observationCount"));
    }

    @Test
    void needsTheTestsOfItsDocument() {
        TestActivityContext context = context().toBuilder().instance("ops/other").build();
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(context));
        assertEquals("no output from EXECUTE_TESTS for instance 'ops/other'", failure.getMessage());
    }
}
