package dev.cadre.platform.engine;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stand-ins for the 11 specialized handlers of the test cycle (the real ones live in the domain
 * plugins): each derives its output from its inputs, so the engine's data flow (parameters, upstream
 * outputs per instance, fan-out) is what the assertions check.
 */
final class TestHandlers {

    private TestHandlers() {
    }

    /** A handler computing its output with a function. */
    record FunctionHandler(String name, Function<ActivityContext, Map<String, Object>> work) implements ActivityHandler {
        @Override
        public ActivityResult execute(ActivityContext context) {
            return ActivityResult.completed(work.apply(context));
        }
    }

    @SuppressWarnings("unchecked")
    static List<ActivityHandler> testCycle() {
        List<ActivityHandler> handlers = new ArrayList<>();
        handlers.add(new FunctionHandler("GenerateAttributesHandler", c -> Map.of("attributeCount", 4L, "attributes", List.of("loan_id", "balance", "rate", "owner"))));
        handlers.add(new FunctionHandler("DataProfilingHandler", c -> Map.of("anomalyCount",
                ((Number) c.parameters().getOrDefault("anomalies", 0L)).longValue(),
                "columns", ((List<Object>) c.output("GENERATE_ATTRIBUTES").orElseThrow().get("attributes")).size())));
        handlers.add(new FunctionHandler("ExecuteScopingHandler", c -> Map.of("inScope", c.output("GENERATE_ATTRIBUTES").orElseThrow().get("attributes"))));
        handlers.add(new FunctionHandler("GenerateSamplesHandler", c -> Map.of("samples", List.of("L1", "L2", "L3"))));
        handlers.add(new FunctionHandler("SendDataRequestHandler", c -> Map.of("owner", c.instanceKey(),
                "requested", c.output("GENERATE_SAMPLES").map(o -> o.get("samples")).orElseThrow())));
        handlers.add(new FunctionHandler("ValidateDataUploadHandler", c -> {
            // the first owner keeps two source systems, the others one: fan-out sizes 3 -> 4
            List<String> owners = (List<String>) c.parameters().get("dataOwners");
            List<String> documents = owners.indexOf(c.instanceKey()) == 0
                    ? List.of(c.instanceKey() + "/core", c.instanceKey() + "/ledger") : List.of(c.instanceKey() + "/core");
            return Map.of("documents", documents, "uploadedBy", c.output("UPLOAD_EVIDENCE").orElseThrow().get("completedBy"));
        }));
        handlers.add(new FunctionHandler("GenerateTestCasesHandler", c -> Map.of("document", c.instanceKey(), "cases", 6L)));
        handlers.add(new FunctionHandler("ExecuteTestsHandler", c -> {
            long cases = (Long) c.output("GENERATE_TEST_CASES").orElseThrow().get("cases");
            long failed = c.instanceKey().endsWith("/ledger") ? 2 : 0;
            return Map.of("tested", cases, "failed", failed, "passed", cases - failed);
        }));
        handlers.add(new FunctionHandler("CreateObservationsHandler", c -> {
            Map<String, Object> results = (Map<String, Object>) ((Map<String, Object>) c.outputs().get("EXECUTE_TESTS")).get(c.instanceKey());
            return Map.of("observationCount", results.get("failed"));
        }));
        handlers.add(new FunctionHandler("GenerateReportSectionsHandler", c -> {
            Map<String, Object> observations = (Map<String, Object>) c.outputs().get("CREATE_OBSERVATIONS");
            long total = observations.values().stream().mapToLong(o -> (Long) ((Map<String, Object>) o).get("observationCount")).sum();
            return Map.of("observations", total, "documents", observations.size());
        }));
        handlers.add(new FunctionHandler("GenerateFinalReportHandler", c -> {
            Map<String, Object> sections = c.output("GENERATE_REPORT_SECTIONS").orElseThrow();
            c.artifacts().put("final-report.md", "text/markdown", ("# Report\nobservations: " + sections.get("observations")).getBytes());
            Map<String, Object> output = new LinkedHashMap<>(sections);
            output.put("artifact", "final-report.md");
            return output;
        }));
        return handlers;
    }
}
