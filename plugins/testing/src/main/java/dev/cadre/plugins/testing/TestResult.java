package dev.cadre.plugins.testing;

import dev.cadre.plugins.support.CsvTable;
import java.util.ArrayList;
import java.util.List;

/** The outcome of one test case, stored in {@code test-results/<owner>/<document>.csv}. */
record TestResult(TestCase testCase, String reportValue, String evidenceValue, boolean passed, String detail) {

    static final List<String> HEADER = List.of("test_case_id", "document", "sample_id", "attribute",
            "report_value", "evidence_value", "result", "detail");

    List<String> row() {
        return List.of(testCase.id(), testCase.document(), testCase.sampleId(), testCase.attribute(),
                reportValue, evidenceValue, passed ? "PASS" : "FAIL", detail);
    }

    static List<TestResult> read(CsvTable csv) {
        csv.require("InvalidInput", HEADER);
        List<TestResult> results = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            TestCase testCase = new TestCase(csv.get(row, "test_case_id"), csv.get(row, "document"),
                    csv.get(row, "sample_id"), csv.get(row, "attribute"));
            results.add(new TestResult(testCase, csv.get(row, "report_value"), csv.get(row, "evidence_value"),
                    "PASS".equals(csv.get(row, "result")), csv.get(row, "detail")));
        }
        return results;
    }
}
