package dev.cadre.plugins.reporting;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugin.api.Artifact;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.Hashing;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import dev.cadre.plugins.support.Voids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GENERATE_FINAL_REPORT: renders {@code report/sections.json} and the run's {@link AuditTrail} as the
 * final report, in the formats of config {@code formats} ({@code html} and/or {@code markdown}; default
 * both), as {@code final-report.html} and {@code final-report.md}, and always as
 * {@code final-report.json}, the machine-readable form listing every observation with the exact
 * (sample, attribute) failures it covers and the owner's {@code responses}, the {@code signOffs} (every
 * manual step completed before this step), the template, handler sources and evidence checksums.
 *
 * <p>Never half-written: every format is rendered before anything is stored, and when storing fails
 * part way the files already stored are marked void ({@link Voids}) until a retry writes them all.
 * Rollback ({@link #compensate}) marks the whole report void.
 *
 * <p>Output: {@code artifacts} (names written), {@code observationCount}, {@code signOffCount},
 * {@code usedArtifacts} (the sections read and the files written, name to SHA-256: the host keeps them write-once).
 */
public final class GenerateFinalReportHandler implements ActivityHandler {

    /** A rendered report file, ready to store. */
    private record Rendered(String contentType, String text) {
    }

    @Override
    public String name() {
        return "GenerateFinalReportHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("artifacts", Shapes.list(Map.of("type", "string")), "observationCount", Shapes.field("number"), "signOffCount", Shapes.field("number"), "usedArtifacts", Shapes.field("object"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        List<String> formats = Values.strings(context.config(), "formats", "config");
        if (formats.isEmpty()) {
            formats = List.of("html", "markdown");
        }
        Artifact sectionsFile = Inputs.artifact(context, ArtifactNames.REPORT_SECTIONS, "GENERATE_REPORT_SECTIONS writes it");
        ReportContent report = ReportContent.of(Values.asMap(Json.parse(sectionsFile.name(), sectionsFile.text()), sectionsFile.name()),
                AuditTrail.of(context));

        // name -> SHA-256 of what the report consists of: the host keeps these write-once
        Map<String, Object> used = new LinkedHashMap<>();
        used.put(sectionsFile.name(), Hashing.sha256Hex(sectionsFile.content()));
        Map<String, Rendered> files = new LinkedHashMap<>();
        for (String format : formats) {
            switch (format) {
                case "html" -> files.put(ArtifactNames.FINAL_REPORT_HTML, new Rendered("text/html", HtmlReport.render(report)));
                case "markdown", "md" -> files.put(ArtifactNames.FINAL_REPORT_MARKDOWN,
                        new Rendered("text/markdown", MarkdownReport.render(report)));
                default -> throw ActivityFailure.nonRetryable("InvalidInput",
                        "config: unknown report format '" + format + "'; use html or markdown");
            }
        }
        files.put(ArtifactNames.FINAL_REPORT_JSON, new Rendered("application/json", Json.write(report.toJson())));
        used.putAll(store(context, files));
        List<String> written = new ArrayList<>(files.keySet());

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("artifacts", new ArrayList<>(written));
        output.put("observationCount", report.observations().size());
        output.put("signOffCount", report.trail().signOffs().size());
        output.put(ArtifactNames.USED_ARTIFACTS, used);
        return ActivityResult.completed(output, "final report: " + String.join(", ", written));
    }

    /** Rollback: marks every report file this step wrote void. */
    @Override
    public void compensate(ActivityContext context, ActivityResult completed) {
        Voids.mark(context, Values.strings(completed.output(), "artifacts", "GENERATE_FINAL_REPORT output"), Voids.ROLLED_BACK);
    }

    /**
     * Stores every file, or voids those stored when one fails; lifts voids a rollback left.
     *
     * @return name -> SHA-256 of each file stored
     */
    private static Map<String, String> store(ActivityContext context, Map<String, Rendered> files) {
        Map<String, String> stored = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        try {
            files.forEach((name, file) -> {
                Artifact artifact = Inputs.putText(context, name, file.contentType(), file.text());
                stored.put(name, Hashing.sha256Hex(artifact.content()));
                written.add(name);
            });
        } catch (RuntimeException e) {
            try {
                Voids.mark(context, written, "the report was not completely written: " + e.getMessage());
            } catch (RuntimeException voiding) {
                e.addSuppressed(voiding);
            }
            throw e;
        }
        Voids.lift(context, written);
        return stored;
    }
}
