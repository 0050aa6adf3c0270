package dev.cadre.plugins.reporting;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import dev.cadre.plugins.support.Voids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GENERATE_REPORT_SECTIONS: gathers the whole cycle into {@code report/sections.json}: scope
 * (EXECUTE_SCOPING, DATA_PROFILING), samples (GENERATE_SAMPLES), evidence (every VALIDATE_DATA_UPLOAD
 * instance), test results (every EXECUTE_TESTS instance) and observations (every CREATE_OBSERVATIONS
 * instance's {@code observations/...json}, with the failures each covers), plus a summary.
 *
 * <p>Rollback ({@link #compensate}) marks {@code report/sections.json} void ({@link Voids}).
 *
 * <p>Output: {@code artifact}, {@code sections} (ids), {@code tested}, {@code failed},
 * {@code observationCount}.
 */
public final class GenerateReportSectionsHandler implements ActivityHandler {

    @Override
    public String name() {
        return "GenerateReportSectionsHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("artifact", Shapes.field("string"), "sections", Shapes.list(Map.of("type", "string")), "tested", Shapes.field("number"), "failed", Shapes.field("number"), "observationCount", Shapes.field("number"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        Map<String, Object> scoping = Inputs.output(context, "EXECUTE_SCOPING");
        Map<String, Object> sampling = Inputs.output(context, "GENERATE_SAMPLES");
        Map<String, Object> profiling = context.output("DATA_PROFILING").orElse(Map.of());

        List<Map<String, Object>> evidence = new ArrayList<>();
        Inputs.instances(context, "VALIDATE_DATA_UPLOAD").forEach((owner, out) -> evidence.add(Json.object(
                "owner", owner, "artifact", out.get("artifact"), "sha256", out.get("sha256"),
                "documents", Values.strings(out, "documents", "VALIDATE_DATA_UPLOAD[" + owner + "]"))));

        List<Map<String, Object>> documents = new ArrayList<>();
        long tested = 0;
        long failed = 0;
        for (var e : Inputs.instances(context, "EXECUTE_TESTS").entrySet()) {
            String where = "EXECUTE_TESTS[" + e.getKey() + "]";
            long t = Values.optionalLong(e.getValue(), "tested", where).orElse(0L);
            long f = Values.optionalLong(e.getValue(), "failed", where).orElse(0L);
            documents.add(Json.object("document", e.getKey(), "tested", t, "passed", t - f, "failed", f));
            tested += t;
            failed += f;
        }

        List<Map<String, Object>> observations = new ArrayList<>();
        for (var e : Inputs.instances(context, "CREATE_OBSERVATIONS").entrySet()) {
            String artifact = Values.requiredString(e.getValue(), "artifact", "CREATE_OBSERVATIONS[" + e.getKey() + "]");
            observations.addAll(Values.maps(Inputs.json(context, artifact, "CREATE_OBSERVATIONS writes it"),
                    "observations", artifact));
        }
        Map<String, Object> bySeverity = Json.object("HIGH", 0L, "MEDIUM", 0L, "LOW", 0L);
        observations.forEach(o -> bySeverity.merge(String.valueOf(o.get("severity")), 1L, (a, b) -> (Long) a + (Long) b));

        List<Map<String, Object>> sections = List.of(
                Json.object("id", "scope", "title", "Scope",
                        "inScope", scoping.get("inScope"), "inScopeByOwner", scoping.get("inScopeByOwner"),
                        "anomalyCount", profiling.get("anomalyCount"), "anomalies", profiling.get("anomalies")),
                Json.object("id", "samples", "title", "Samples",
                        "seed", sampling.get("seed"), "samplesPerOwner", sampling.get("samplesPerOwner"),
                        "samples", sampling.get("samples")),
                Json.object("id", "evidence", "title", "Evidence", "owners", evidence),
                Json.object("id", "testing", "title", "Test results", "documents", documents),
                Json.object("id", "observations", "title", "Observations", "observations", observations));
        Map<String, Object> summary = Json.object(
                "reportRows", profiling.get("rows"),
                "attributesInScope", Values.strings(scoping, "inScope", "EXECUTE_SCOPING output").size(),
                "samples", sampling.get("distinctSamples"),
                "documents", documents.size(), "tested", tested, "passed", tested - failed, "failed", failed,
                "observations", observations.size(), "observationsBySeverity", bySeverity);
        Inputs.putJson(context, ArtifactNames.REPORT_SECTIONS, Json.object(
                "title", "Test report " + context.businessKey(),
                "businessKey", context.businessKey(),
                "reportingPeriod", context.parameters().get("reportingPeriod"),
                "summary", summary, "sections", sections));
        Voids.lift(context, List.of(ArtifactNames.REPORT_SECTIONS));

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("artifact", ArtifactNames.REPORT_SECTIONS);
        output.put("sections", sections.stream().map(s -> s.get("id")).toList());
        output.put("tested", tested);
        output.put("failed", failed);
        output.put("observationCount", observations.size());
        return ActivityResult.completed(output, observations.size() + " observations over " + documents.size() + " documents");
    }

    @Override
    public void compensate(ActivityContext context, ActivityResult completed) {
        Voids.mark(context, List.of(ArtifactNames.REPORT_SECTIONS), Voids.ROLLED_BACK);
    }
}
