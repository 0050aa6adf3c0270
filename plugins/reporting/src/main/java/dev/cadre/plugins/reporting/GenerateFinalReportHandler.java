package dev.cadre.plugins.reporting;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Artifact;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.Hashing;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GENERATE_FINAL_REPORT: renders {@code report/sections.json} as the final report, in the formats of
 * config {@code formats} ({@code html} and/or {@code markdown}; default both), as
 * {@code final-report.html} and {@code final-report.md}, and always as {@code final-report.json}, the
 * machine-readable form listing every observation with the exact (sample, attribute) failures it covers.
 *
 * <p>Output: {@code artifacts} (names written), {@code observationCount}, {@code usedArtifacts} (the
 * sections read and the files written, name to SHA-256: the host keeps them write-once).
 */
public final class GenerateFinalReportHandler implements ActivityHandler {

    @Override
    public String name() {
        return "GenerateFinalReportHandler";
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        List<String> formats = Values.strings(context.config(), "formats", "config");
        if (formats.isEmpty()) {
            formats = List.of("html", "markdown");
        }
        Artifact sectionsFile = Inputs.artifact(context, ArtifactNames.REPORT_SECTIONS, "GENERATE_REPORT_SECTIONS writes it");
        ReportContent report = ReportContent.of(Values.asMap(Json.parse(sectionsFile.name(), sectionsFile.text()),
                sectionsFile.name()));

        // name -> SHA-256 of what the report consists of: the host keeps these write-once
        Map<String, Object> used = new LinkedHashMap<>();
        used.put(sectionsFile.name(), Hashing.sha256Hex(sectionsFile.content()));
        for (String format : formats) {
            Artifact file = switch (format) {
                case "html" -> Inputs.putText(context, ArtifactNames.FINAL_REPORT_HTML, "text/html", HtmlReport.render(report));
                case "markdown", "md" -> Inputs.putText(context, ArtifactNames.FINAL_REPORT_MARKDOWN, "text/markdown",
                        MarkdownReport.render(report));
                default -> throw ActivityFailure.nonRetryable("InvalidInput",
                        "config: unknown report format '" + format + "'; use html or markdown");
            };
            used.put(file.name(), Hashing.sha256Hex(file.content()));
        }
        Artifact json = Inputs.putJson(context, ArtifactNames.FINAL_REPORT_JSON, report.toJson());
        used.put(json.name(), Hashing.sha256Hex(json.content()));
        List<String> written = new ArrayList<>(used.keySet()).subList(1, used.size());

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("artifacts", new ArrayList<>(written));
        output.put("observationCount", report.observations().size());
        output.put(ArtifactNames.USED_ARTIFACTS, used);
        return ActivityResult.completed(output, "final report: " + String.join(", ", written));
    }
}
