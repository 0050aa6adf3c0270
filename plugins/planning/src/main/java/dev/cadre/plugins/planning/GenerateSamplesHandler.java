package dev.cadre.plugins.planning;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.AttributeCatalog;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GENERATE_SAMPLES: draws a reproducible sample of report rows (config {@code reportArtifact}, default
 * {@code report.csv}), stratified by data owner: {@code samplesPerOwner} (config, default 10) keys for
 * every owner with an in-scope attribute other than the key (from EXECUTE_SCOPING's
 * {@code inScopeByOwner}). The seed is {@code parameters.sampleSeed} or a hash of the business key.
 * Empty and duplicate keys are left out of the population (profiling reports them). Writes
 * {@code samples.csv} ({@code owner, sample_id, report_line}).
 *
 * <p>Output: {@code seed}, {@code seedSource}, {@code samplesPerOwner}, {@code owners},
 * {@code samples} (owner to sorted sample ids), {@code sampleCount}, {@code distinctSamples},
 * {@code keyAttribute}, {@code artifact}.
 */
public final class GenerateSamplesHandler implements ActivityHandler {

    @Override
    public String name() {
        return "GenerateSamplesHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("seed", Shapes.field("number"), "seedSource", Shapes.field("string"), "samplesPerOwner", Shapes.field("number"), "owners", Shapes.list(Map.of("type", "string")),
                "samples", Shapes.field("object"), "sampleCount", Shapes.field("number"), "distinctSamples", Shapes.field("number"), "keyAttribute", Shapes.field("string"), "artifact", Shapes.field("string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        String source = Values.string(context.config(), "reportArtifact", ArtifactNames.REPORT, "config");
        long perOwner = Values.optionalLong(context.config(), "samplesPerOwner", "config").orElse(10L);
        if (perOwner < 1 || perOwner > 10_000) {
            throw ActivityFailure.nonRetryable("InvalidInput", "config: samplesPerOwner must be 1..10000, got " + perOwner);
        }
        AttributeCatalog catalog = AttributeCatalog.load(context);
        String key = catalog.key().name();
        List<String> owners = ownersInScope(context, key);
        CsvTable report = Inputs.csv(context, source, "upload it before completing DEFINE_REPORT_INVENTORY");
        report.require("InvalidInput", List.of(key));

        Map<String, Integer> lineOf = population(report, key);
        SamplingSeed seed = SamplingSeed.of(context);
        Map<String, List<String>> samples = SampleSelector.select(
                new ArrayList<>(lineOf.keySet()), owners, seed.value(), (int) perOwner);

        List<List<String>> rows = new ArrayList<>();
        Set<String> distinct = new LinkedHashSet<>();
        samples.forEach((owner, ids) -> ids.forEach(id -> {
            rows.add(List.of(owner, id, String.valueOf(lineOf.get(id))));
            distinct.add(id);
        }));
        Inputs.putCsv(context, ArtifactNames.SAMPLES, List.of("owner", "sample_id", "report_line"), rows);

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("seed", seed.value());
        output.put("seedSource", seed.source());
        output.put("samplesPerOwner", perOwner);
        output.put("owners", owners);
        output.put("samples", new LinkedHashMap<String, Object>(samples));
        output.put("sampleCount", rows.size());
        output.put("distinctSamples", distinct.size());
        output.put("keyAttribute", key);
        output.put("artifact", ArtifactNames.SAMPLES);
        return ActivityResult.completed(output, rows.size() + " samples for " + owners.size() + " owners");
    }

    private static List<String> ownersInScope(ActivityContext context, String key) {
        Map<String, Object> byOwner = Values.map(Inputs.output(context, "EXECUTE_SCOPING"), "inScopeByOwner",
                "EXECUTE_SCOPING output");
        List<String> owners = new ArrayList<>();
        byOwner.forEach((owner, names) -> {
            if (Values.strings(byOwner, owner, "EXECUTE_SCOPING inScopeByOwner").stream().anyMatch(n -> !n.equals(key))) {
                owners.add(owner);
            }
        });
        return owners.stream().sorted().toList();
    }

    /** @return each usable key (non-empty, not duplicated) to its report line */
    private static Map<String, Integer> population(CsvTable report, String key) {
        Map<String, Integer> lineOf = new HashMap<>();
        Set<String> duplicated = new java.util.HashSet<>();
        for (int row = 0; row < report.size(); row++) {
            String id = report.get(row, key);
            if (!id.isEmpty() && lineOf.putIfAbsent(id, report.line(row)) != null) {
                duplicated.add(id);
            }
        }
        duplicated.forEach(lineOf::remove);
        if (lineOf.isEmpty()) {
            throw ActivityFailure.nonRetryable("InvalidInput", report.source() + " has no rows with a usable " + key);
        }
        return lineOf;
    }
}
