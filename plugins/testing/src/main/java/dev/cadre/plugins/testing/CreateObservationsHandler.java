package dev.cadre.plugins.testing;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.Attribute;
import dev.cadre.plugins.support.AttributeCatalog;
import dev.cadre.plugins.support.DocumentKey;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CREATE_OBSERVATIONS, once per test execution (one per document): groups the document's failed tests
 * by attribute into observations, in dictionary order, each with a {@link Severity} and the exact
 * failures it covers. Writes {@code observations/<owner>/<document>.json}.
 *
 * <p>Output: {@code document}, {@code observationCount} (the template's condition reads it),
 * {@code observations} (id, attribute, severity, failureCount each), {@code artifact}.
 */
public final class CreateObservationsHandler implements ActivityHandler {

    @Override
    public String name() {
        return "CreateObservationsHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("document", Shapes.field("string"), "observationCount", Shapes.field("number"), "observations", Shapes.list(Map.of("type", "object",
                        "fields", Map.of("id", Shapes.field("string"), "attribute", Shapes.field("string"), "severity", Shapes.field("string"),
                                "failureCount", Shapes.field("number")))),
                "artifact", Shapes.field("string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        DocumentKey document = DocumentKey.parse(Inputs.instanceKey(context));
        Inputs.sameKeyOutput(context, "EXECUTE_TESTS"); // fails clearly when the tests did not run
        List<TestResult> results = TestResult.read(Inputs.csv(context, ArtifactNames.testResults(document),
                "EXECUTE_TESTS writes it"));
        AttributeCatalog catalog = AttributeCatalog.load(context);

        List<Map<String, Object>> observations = new ArrayList<>();
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (Attribute attribute : catalog.all()) {
            List<TestResult> tested = results.stream().filter(r -> r.testCase().attribute().equals(attribute.name())).toList();
            List<TestResult> failed = tested.stream().filter(r -> !r.passed()).toList();
            if (failed.isEmpty()) {
                continue;
            }
            String id = document + "/" + attribute.name();
            Severity severity = Severity.of(attribute, failed.size(), tested.size());
            observations.add(Json.object("id", id, "document", document.toString(), "owner", document.owner(),
                    "attribute", attribute.name(), "severity", severity.name(), "key", attribute.key(),
                    "cde", attribute.cde(), "tested", tested.size(), "failureCount", failed.size(),
                    "failures", failed.stream().map(CreateObservationsHandler::failure).toList()));
            summaries.add(Json.object("id", id, "attribute", attribute.name(), "severity", severity.name(),
                    "failureCount", failed.size()));
        }
        String artifact = ArtifactNames.observations(document);
        Inputs.putJson(context, artifact, Json.object("document", document.toString(), "owner", document.owner(),
                "tested", results.size(), "failed", (int) results.stream().filter(r -> !r.passed()).count(),
                "observations", observations));

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("document", document.toString());
        output.put("observationCount", observations.size());
        output.put("observations", summaries);
        output.put("artifact", artifact);
        return ActivityResult.completed(output, observations.size() + " observation(s) on " + document);
    }

    private static Map<String, Object> failure(TestResult result) {
        return Json.object("testCaseId", result.testCase().id(), "sampleId", result.testCase().sampleId(),
                "reportValue", result.reportValue(), "evidenceValue", result.evidenceValue(), "detail", result.detail());
    }
}
