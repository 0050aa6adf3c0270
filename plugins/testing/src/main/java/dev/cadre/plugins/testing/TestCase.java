package dev.cadre.plugins.testing;

import dev.cadre.plugins.support.CsvTable;
import java.util.ArrayList;
import java.util.List;

/**
 * One check: does the report's value of {@code attribute} for sample {@code sampleId} agree with the
 * value in {@code document}? Stored in {@code test-cases/<owner>/<document>.csv}.
 */
record TestCase(String id, String document, String sampleId, String attribute) {

    static final List<String> HEADER = List.of("test_case_id", "document", "sample_id", "attribute");

    List<String> row() {
        return List.of(id, document, sampleId, attribute);
    }

    static List<TestCase> read(CsvTable csv) {
        csv.require("InvalidInput", HEADER);
        List<TestCase> cases = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            cases.add(new TestCase(csv.get(row, "test_case_id"), csv.get(row, "document"),
                    csv.get(row, "sample_id"), csv.get(row, "attribute")));
        }
        return cases;
    }
}
