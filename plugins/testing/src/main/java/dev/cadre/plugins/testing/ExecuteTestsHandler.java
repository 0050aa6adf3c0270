package dev.cadre.plugins.testing;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugin.api.Artifact;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.AttributeCatalog;
import dev.cadre.plugins.support.Csv;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.support.DataRequest;
import dev.cadre.plugins.support.DocumentKey;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.ValidatedEvidence;
import dev.cadre.plugins.support.Values;
import dev.cadre.plugins.support.Voids;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EXECUTE_TESTS, once per document: runs the document's test cases, comparing the report's value
 * (config {@code reportArtifact}, default {@code report.csv}) with the document's value in the owner's
 * evidence (re-checked against the SHA-256 VALIDATE_DATA_UPLOAD recorded: {@code EvidenceChanged} if it
 * changed since), normalised by the attribute's type; decimals may differ by config {@code decimalTolerance}
 * (default: half a unit of the report value's last digit, see {@link ValueComparison}). A sample missing from the report or the document fails its test. Writes
 * {@code test-results/<owner>/<document>.csv}.
 *
 * <p>Output: {@code document}, {@code tested}, {@code passed}, {@code failed},
 * {@code failedAttributes}, {@code artifact}.
 */
public final class ExecuteTestsHandler implements ActivityHandler {

    @Override
    public String name() {
        return "ExecuteTestsHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("document", Shapes.field("string"), "tested", Shapes.field("number"), "passed", Shapes.field("number"), "failed", Shapes.field("number"), "failedAttributes", Shapes.list(Map.of("type", "string")),
                "artifact", Shapes.field("string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        DocumentKey document = DocumentKey.parse(Inputs.instanceKey(context));
        String reportName = Values.string(context.config(), "reportArtifact", ArtifactNames.REPORT, "config");
        BigDecimal tolerance = context.config().get("decimalTolerance") == null ? null
                : BigDecimal.valueOf(Values.number(context.config(), "decimalTolerance", 0, "config"));
        List<TestCase> cases = TestCase.read(Inputs.csv(context, ArtifactNames.testCases(document), "GENERATE_TEST_CASES writes it"));
        AttributeCatalog catalog = AttributeCatalog.load(context);
        String key = DataRequest.load(context, document.owner()).keyAttribute();

        CsvTable reportCsv = Inputs.csv(context, reportName, "the report uploaded at planning");
        KeyedRows report = new KeyedRows(reportCsv, key, row -> true);
        Artifact upload = ValidatedEvidence.read(context, document.owner());
        CsvTable evidenceCsv = Csv.parse(upload.name(), upload.text());
        KeyedRows evidence = new KeyedRows(evidenceCsv, key,
                row -> evidenceCsv.get(row, ArtifactNames.EVIDENCE_DOCUMENT_COLUMN).equals(document.document()));

        ValueComparison comparison = new ValueComparison(tolerance);
        List<TestResult> results = new ArrayList<>();
        for (TestCase testCase : cases) {
            results.add(run(testCase, catalog, report, evidence, comparison));
            if (results.size() % 500 == 0) {
                context.heartbeat(Map.of("tested", results.size()));
            }
        }
        String artifact = ArtifactNames.testResults(document);
        Inputs.putCsv(context, artifact, TestResult.HEADER, results.stream().map(TestResult::row).toList());
        Voids.lift(context, List.of(artifact));

        long failed = results.stream().filter(r -> !r.passed()).count();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("document", document.toString());
        output.put("tested", results.size());
        output.put("passed", (int) (results.size() - failed));
        output.put("failed", (int) failed);
        output.put("failedAttributes", results.stream().filter(r -> !r.passed())
                .map(r -> r.testCase().attribute()).distinct().toList());
        output.put("artifact", artifact);
        return ActivityResult.completed(output, document + ": " + failed + " of " + results.size() + " tests failed");
    }

    private static TestResult run(TestCase testCase, AttributeCatalog catalog, KeyedRows report, KeyedRows evidence,
                                  ValueComparison comparison) {
        var type = catalog.require(testCase.attribute(), testCase.id()).type();
        Optional<String> reportValue = report.value(testCase.sampleId(), testCase.attribute());
        Optional<String> evidenceValue = evidence.value(testCase.sampleId(), testCase.attribute());
        if (reportValue.isEmpty() || evidenceValue.isEmpty()) {
            return new TestResult(testCase, reportValue.orElse(""), evidenceValue.orElse(""), false,
                    reportValue.isEmpty() ? "sample not in the report" : "sample not in the document");
        }
        ValueComparison.Verdict verdict = comparison.compare(type, reportValue.get(), evidenceValue.get());
        return new TestResult(testCase, reportValue.get(), evidenceValue.get(), verdict.passed(), verdict.detail());
    }

    /** Rollback: marks the document's test results void ({@link Voids}); running the step again lifts it. */
    @Override
    public void compensate(ActivityContext context, ActivityResult completed) {
        Voids.mark(context, List.of(ArtifactNames.testResults(DocumentKey.parse(Inputs.instanceKey(context)))), Voids.ROLLED_BACK);
    }
}
