package dev.cadre.plugins.testing;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.DataRequest;
import dev.cadre.plugins.support.DocumentKey;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.ValidatedEvidence;
import dev.cadre.plugins.support.Values;
import dev.cadre.plugins.support.Voids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GENERATE_TEST_CASES, once per document (instance key {@code <owner>/<document>}): one test case per
 * sample requested from the owner and per requested attribute the document covers (VALIDATE_DATA_UPLOAD
 * {@code coverage}), sample-major in request order. Fails with {@code EvidenceChanged} when the owner's
 * evidence no longer has the SHA-256 validation recorded. Writes {@code test-cases/<owner>/<document>.csv}.
 *
 * <p>Output: {@code document}, {@code owner}, {@code testCaseCount}, {@code sampleCount},
 * {@code attributes} (covered, tested), {@code artifact}.
 */
public final class GenerateTestCasesHandler implements ActivityHandler {

    @Override
    public String name() {
        return "GenerateTestCasesHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("document", Shapes.field("string"), "owner", Shapes.field("string"), "testCaseCount", Shapes.field("number"), "sampleCount", Shapes.field("number"), "attributes", Shapes.list(Map.of("type", "string")),
                "artifact", Shapes.field("string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        DocumentKey document = DocumentKey.parse(Inputs.instanceKey(context));
        Map<String, Object> validation = ValidatedEvidence.validation(context, document.owner());
        // the coverage below was read from the file validation saw: it must be that file still
        ValidatedEvidence.read(context, document.owner());
        Map<String, Object> coverage = Values.map(validation, "coverage", "VALIDATE_DATA_UPLOAD[" + document.owner() + "]");
        if (!coverage.containsKey(document.toString())) {
            throw ActivityFailure.nonRetryable("InvalidInput", "document " + document + " is not among the documents "
                    + coverage.keySet() + " validated for " + document.owner());
        }
        List<String> covered = Values.strings(coverage, document.toString(), "VALIDATE_DATA_UPLOAD coverage");
        DataRequest request = DataRequest.load(context, document.owner());
        List<String> attributes = request.attributes().stream().filter(covered::contains).toList();

        List<TestCase> cases = new ArrayList<>();
        for (String sample : request.sampleIds()) {
            for (String attribute : attributes) {
                cases.add(new TestCase(String.format("TC-%04d", cases.size() + 1), document.toString(), sample, attribute));
            }
        }
        String artifact = ArtifactNames.testCases(document);
        Inputs.putCsv(context, artifact, TestCase.HEADER, cases.stream().map(TestCase::row).toList());
        Voids.lift(context, List.of(artifact));

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("document", document.toString());
        output.put("owner", document.owner());
        output.put("testCaseCount", cases.size());
        output.put("sampleCount", request.sampleIds().size());
        output.put("attributes", attributes);
        output.put("artifact", artifact);
        return ActivityResult.completed(output, cases.size() + " test cases for " + document);
    }

    /** Rollback: marks the document's test cases void ({@link Voids}); running the step again lifts it. */
    @Override
    public void compensate(ActivityContext context, ActivityResult completed) {
        Voids.mark(context, List.of(ArtifactNames.testCases(DocumentKey.parse(Inputs.instanceKey(context)))), Voids.ROLLED_BACK);
    }
}
