package dev.cadre.plugins.reporting;

import static dev.cadre.plugins.reporting.Escape.markdown;

import java.util.Map;

/** Renders the final report as Markdown (GitHub tables). */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(ReportContent report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(markdown(report.title())).append("\n\n")
                .append("Business key: ").append(markdown(report.businessKey()))
                .append("; reporting period: ").append(markdown(report.reportingPeriod())).append("\n\n");

        out.append("## Summary\n\n| Measure | Value |\n|---|---|\n");
        report.summary().forEach((k, v) -> out.append("| ").append(markdown(ReportContent.label(k))).append(" | ").append(markdown(ReportContent.display(v))).append(" |\n"));

        out.append("\n## Scope\n\nAttributes in scope: ").append(markdown(ReportContent.display(report.scope().get("inScope"))))
                .append("\n\nProfiling anomalies: ").append(markdown(report.scope().get("anomalyCount"))).append("\n");
        out.append("\n## Samples\n\nSeed ").append(markdown(report.samples().get("seed"))).append(", ")
                .append(markdown(report.samples().get("samplesPerOwner"))).append(" per data owner.\n");

        out.append("\n## Test results\n\n| Document | Tested | Passed | Failed |\n|---|---|---|---|\n");
        for (Map<String, Object> d : report.documents()) {
            out.append("| ").append(markdown(d.get("document"))).append(" | ").append(markdown(d.get("tested")))
                    .append(" | ").append(markdown(d.get("passed"))).append(" | ").append(markdown(d.get("failed"))).append(" |\n");
        }

        out.append("\n## Observations\n");
        if (report.observations().isEmpty()) {
            out.append("\nNo observations: every test passed.\n");
        }
        for (Map<String, Object> o : report.observations()) {
            out.append("\n### ").append(markdown(o.get("id"))).append(" (").append(markdown(o.get("severity"))).append(")\n\n")
                    .append(markdown(o.get("failureCount"))).append(" of ").append(markdown(o.get("tested")))
                    .append(" tests of ").append(markdown(o.get("attribute"))).append(" failed in ")
                    .append(markdown(o.get("document"))).append(".\n\n")
                    .append("| Sample | Report value | Evidence value | Detail |\n|---|---|---|---|\n");
            for (Map<String, Object> f : ReportContent.failures(o)) {
                out.append("| ").append(markdown(f.get("sampleId"))).append(" | ").append(markdown(f.get("reportValue")))
                        .append(" | ").append(markdown(f.get("evidenceValue"))).append(" | ").append(markdown(f.get("detail")))
                        .append(" |\n");
            }
            MarkdownTrail.responses(out, report.trail().responses(o.get("document")));
        }
        MarkdownTrail.signOffs(out, report.trail());
        MarkdownTrail.provenance(out, report);
        return out.toString();
    }
}
