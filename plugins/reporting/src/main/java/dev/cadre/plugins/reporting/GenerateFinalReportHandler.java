package dev.cadre.plugins.reporting;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.Inputs;
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
 * <p>Output: {@code artifacts} (names written), {@code observationCount}.
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
        ReportContent report = ReportContent.of(Inputs.json(context, ArtifactNames.REPORT_SECTIONS,
                "GENERATE_REPORT_SECTIONS writes it"));

        List<String> written = new ArrayList<>();
        for (String format : formats) {
            switch (format) {
                case "html" -> {
                    Inputs.putText(context, ArtifactNames.FINAL_REPORT_HTML, "text/html", HtmlReport.render(report));
                    written.add(ArtifactNames.FINAL_REPORT_HTML);
                }
                case "markdown", "md" -> {
                    Inputs.putText(context, ArtifactNames.FINAL_REPORT_MARKDOWN, "text/markdown", MarkdownReport.render(report));
                    written.add(ArtifactNames.FINAL_REPORT_MARKDOWN);
                }
                default -> throw ActivityFailure.nonRetryable("InvalidInput",
                        "config: unknown report format '" + format + "'; use html or markdown");
            }
        }
        Inputs.putJson(context, ArtifactNames.FINAL_REPORT_JSON, report.toJson());
        written.add(ArtifactNames.FINAL_REPORT_JSON);

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("artifacts", written);
        output.put("observationCount", report.observations().size());
        return ActivityResult.completed(output, "final report: " + String.join(", ", written));
    }
}
