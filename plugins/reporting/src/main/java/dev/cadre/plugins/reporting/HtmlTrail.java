package dev.cadre.plugins.reporting;

import static dev.cadre.plugins.reporting.Escape.html;

import java.util.List;
import java.util.Map;

/** The HTML report's audit sections: the sign-off trail, the owners' responses, provenance. Every value is escaped. */
final class HtmlTrail {

    private HtmlTrail() {
    }

    /** The approvals table, one group of rows per phase; anchored {@code #sign-offs}. */
    static void signOffs(StringBuilder out, AuditTrail trail) {
        out.append("<h2 id=\"sign-offs\">Sign-off trail</h2>\n<p>").append(trail.signOffs().size())
                .append(" manual steps completed before this report was generated, as the run recorded them; the sign-off of"
                        + " the report itself follows it and is kept in the run's records.</p>\n<table>\n")
                .append("<tr><th>Activity</th><th>Instance</th><th>Outcome</th><th>Completed by</th><th>Completed at</th>"
                        + "<th>Comment</th></tr>\n");
        trail.signOffsByPhase().forEach((phase, signOffs) -> {
            out.append("<tr><th colspan=\"6\" class=\"phase\">").append(html(phase)).append("</th></tr>\n");
            for (Map<String, Object> s : signOffs) {
                out.append("<tr><td>").append(html(s.get("name"))).append(" <small>").append(html(s.get("activity")))
                        .append(s.get("round") instanceof Integer round && round > 1 ? ", round " + round : "")
                        .append("</small></td><td>").append(html(s.get("instance"))).append("</td><td class=\"")
                        .append(html(s.get("outcome"))).append("\">").append(html(s.get("outcome"))).append("</td><td>")
                        .append(html(s.get("completedBy"))).append("</td><td>").append(html(s.get("completedAt")))
                        .append("</td><td>").append(html(s.get("comment"))).append("</td></tr>\n");
            }
        });
        out.append("</table>\n");
    }

    /** The data owner's responses to one observation. */
    static void responses(StringBuilder out, List<Map<String, Object>> responses) {
        if (responses.isEmpty()) {
            out.append("<p class=\"responses\">No response from the data owner recorded.</p>\n");
            return;
        }
        out.append("<h4>Data owner response</h4>\n<table class=\"responses\">\n")
                .append("<tr><th>Owner</th><th>Completed by</th><th>Completed at</th><th>Comment</th><th>Data</th></tr>\n");
        for (Map<String, Object> r : responses) {
            out.append("<tr><td>").append(html(r.get("owner"))).append("</td><td>").append(html(r.get("completedBy")))
                    .append("</td><td>").append(html(r.get("completedAt"))).append("</td><td>").append(html(r.get("comment")))
                    .append("</td><td>").append(html(ReportContent.display(r.get("data")))).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    /** The template version, every handler source and every evidence file's SHA-256. */
    static void provenance(StringBuilder out, ReportContent report) {
        AuditTrail trail = report.trail();
        out.append("<h2 id=\"provenance\">Provenance</h2>\n<p>Template ").append(html(trail.templateCode()))
                .append(" version ").append(html(trail.templateVersion())).append("</p>\n<table>\n")
                .append("<tr><th>Handler source</th><th>Activities</th></tr>\n");
        for (Map<String, Object> h : trail.handlers()) {
            out.append("<tr><td>").append(html(h.get("source"))).append("</td><td>")
                    .append(html(ReportContent.display(h.get("activities")))).append("</td></tr>\n");
        }
        out.append("</table>\n<table>\n<tr><th>Owner</th><th>Evidence</th><th>SHA-256</th></tr>\n");
        for (Map<String, Object> e : report.evidence()) {
            out.append("<tr><td>").append(html(e.get("owner"))).append("</td><td>").append(html(e.get("artifact")))
                    .append("</td><td><code>").append(html(e.get("sha256"))).append("</code></td></tr>\n");
        }
        out.append("</table>\n");
    }
}
