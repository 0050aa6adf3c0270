package dev.cadre.plugins.reporting;

import static dev.cadre.plugins.reporting.Escape.html;

import java.util.Map;

/** Renders the final report as one self-contained HTML page (no scripts, no external resources). */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(ReportContent report) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(html(report.title())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left}th{background:#eee}")
                .append(".HIGH{color:#b00;font-weight:bold}.MEDIUM{color:#b60}.LOW{color:#555}")
                .append("th.phase{background:#dde6f0}.APPROVED{color:#070}.REJECTED{color:#b00}small{color:#666}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(html(report.title())).append("</h1>\n");
        out.append("<p>Business key: ").append(html(report.businessKey()))
                .append("; reporting period: ").append(html(report.reportingPeriod())).append("</p>\n");

        out.append("<h2>Summary</h2>\n<table>\n");
        report.summary().forEach((k, v) -> out.append("<tr><th>").append(html(ReportContent.label(k))).append("</th><td>")
                .append(html(ReportContent.display(v))).append("</td></tr>\n"));
        out.append("</table>\n");

        out.append("<h2>Scope</h2>\n<p>Attributes in scope: ").append(html(ReportContent.display(report.scope().get("inScope"))))
                .append("</p>\n<p>Profiling anomalies: ").append(html(report.scope().get("anomalyCount"))).append("</p>\n");
        out.append("<h2>Samples</h2>\n<p>Seed ").append(html(report.samples().get("seed"))).append(", ")
                .append(html(report.samples().get("samplesPerOwner"))).append(" per data owner.</p>\n");

        out.append("<h2>Test results</h2>\n<table>\n<tr><th>Document</th><th>Tested</th><th>Passed</th><th>Failed</th></tr>\n");
        for (Map<String, Object> d : report.documents()) {
            out.append("<tr><td>").append(html(d.get("document"))).append("</td><td>").append(html(d.get("tested")))
                    .append("</td><td>").append(html(d.get("passed"))).append("</td><td>").append(html(d.get("failed")))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");

        out.append("<h2>Observations</h2>\n");
        if (report.observations().isEmpty()) {
            out.append("<p>No observations: every test passed.</p>\n");
        }
        for (Map<String, Object> o : report.observations()) {
            out.append("<h3>").append(html(o.get("id"))).append(" <span class=\"").append(html(o.get("severity")))
                    .append("\">").append(html(o.get("severity"))).append("</span></h3>\n<p>")
                    .append(html(o.get("failureCount"))).append(" of ").append(html(o.get("tested")))
                    .append(" tests of ").append(html(o.get("attribute"))).append(" failed in ")
                    .append(html(o.get("document"))).append(".</p>\n<table>\n")
                    .append("<tr><th>Sample</th><th>Report value</th><th>Evidence value</th><th>Detail</th></tr>\n");
            for (Map<String, Object> f : ReportContent.failures(o)) {
                out.append("<tr><td>").append(html(f.get("sampleId"))).append("</td><td>").append(html(f.get("reportValue")))
                        .append("</td><td>").append(html(f.get("evidenceValue"))).append("</td><td>")
                        .append(html(f.get("detail"))).append("</td></tr>\n");
            }
            out.append("</table>\n");
            HtmlTrail.responses(out, report.trail().responses(o.get("document")));
        }
        HtmlTrail.signOffs(out, report.trail());
        HtmlTrail.provenance(out, report);
        return out.append("</body>\n</html>\n").toString();
    }
}
