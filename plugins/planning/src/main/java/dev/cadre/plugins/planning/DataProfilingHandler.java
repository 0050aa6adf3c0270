package dev.cadre.plugins.planning;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.AttributeCatalog;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DATA_PROFILING: profiles every column of the report (config {@code reportArtifact}, default
 * {@code report.csv}) against the attributes: null rate, distinct count, min/max, type violations
 * (values not in the type's canonical form), pattern violations, empty or duplicate keys, and null
 * rates above config {@code maxNullRate} (default 0.1). Writes {@code profiling.json}.
 *
 * <p>Output: {@code rows}, {@code columns}, {@code anomalyCount} (the template's condition reads it),
 * {@code anomalies} (the first ten, one line each), {@code anomalousAttributes}, {@code artifact}.
 */
public final class DataProfilingHandler implements ActivityHandler {

    static final int LISTED_ANOMALIES = 10;

    @Override
    public String name() {
        return "DataProfilingHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("rows", Shapes.field("number"), "columns", Shapes.field("number"), "anomalyCount", Shapes.field("number"), "anomalies", Shapes.list(Map.of("type", "string")),
                "anomalousAttributes", Shapes.list(Map.of("type", "string")), "artifact", Shapes.field("string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        String source = Values.string(context.config(), "reportArtifact", ArtifactNames.REPORT, "config");
        double maxNullRate = Values.number(context.config(), "maxNullRate", 0.1, "config");
        AttributeCatalog catalog = AttributeCatalog.load(context);
        CsvTable report = Inputs.csv(context, source, "upload it before completing DEFINE_REPORT_INVENTORY");

        ReportProfiler.Result result = new ReportProfiler(catalog, maxNullRate)
                .profile(report, rows -> context.heartbeat(Map.of("rowsProfiled", rows)));

        Map<String, Object> profiling = new LinkedHashMap<>();
        profiling.put("report", source);
        profiling.put("rows", report.size());
        profiling.put("maxNullRate", maxNullRate);
        profiling.put("columns", result.columns().stream().map(ColumnProfile::toJson).toList());
        profiling.put("anomalies", result.anomalies().stream().map(Anomaly::toJson).toList());
        Inputs.putJson(context, ArtifactNames.PROFILING, profiling);

        List<String> messages = result.anomalies().stream().map(Anomaly::message).toList();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("rows", report.size());
        output.put("columns", result.columns().size());
        output.put("anomalyCount", result.anomalies().size());
        output.put("anomalies", messages.subList(0, Math.min(LISTED_ANOMALIES, messages.size())));
        output.put("anomalousAttributes", result.anomalies().stream().map(Anomaly::attribute).distinct().toList());
        output.put("artifact", ArtifactNames.PROFILING);
        return ActivityResult.completed(output, report.size() + " rows profiled, " + messages.size() + " anomalies");
    }
}
