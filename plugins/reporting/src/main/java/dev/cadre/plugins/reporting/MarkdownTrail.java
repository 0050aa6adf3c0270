package dev.cadre.plugins.reporting;

import static dev.cadre.plugins.reporting.Escape.markdown;

import java.util.List;
import java.util.Map;

/** The Markdown report's audit sections: the sign-off trail, the owners' responses, provenance. */
final class MarkdownTrail {

    private MarkdownTrail() {
    }

    /** The approvals, one table per phase. */
    static void signOffs(StringBuilder out, AuditTrail trail) {
        out.append("\n## Sign-off trail\n\n").append(trail.signOffs().size())
                .append(" manual steps completed before this report was generated, as the run recorded them; the sign-off of"
                        + " the report itself follows it and is kept in the run's records.\n");
        trail.signOffsByPhase().forEach((phase, signOffs) -> {
            out.append("\n### ").append(markdown(phase)).append("\n\n")
                    .append("| Activity | Instance | Outcome | Completed by | Completed at | Comment |\n|---|---|---|---|---|---|\n");
            for (Map<String, Object> s : signOffs) {
                out.append("| ").append(markdown(s.get("name"))).append(" (").append(markdown(s.get("activity"))).append(") | ")
                        .append(markdown(s.get("instance"))).append(" | ").append(markdown(s.get("outcome"))).append(" | ")
                        .append(markdown(s.get("completedBy"))).append(" | ").append(markdown(s.get("completedAt"))).append(" | ")
                        .append(markdown(s.get("comment"))).append(" |\n");
            }
        });
    }

    /** The data owner's responses to one observation. */
    static void responses(StringBuilder out, List<Map<String, Object>> responses) {
        if (responses.isEmpty()) {
            out.append("\nNo response from the data owner recorded.\n");
            return;
        }
        out.append("\nData owner response:\n\n| Owner | Completed by | Completed at | Comment | Data |\n|---|---|---|---|---|\n");
        for (Map<String, Object> r : responses) {
            out.append("| ").append(markdown(r.get("owner"))).append(" | ").append(markdown(r.get("completedBy"))).append(" | ")
                    .append(markdown(r.get("completedAt"))).append(" | ").append(markdown(r.get("comment"))).append(" | ")
                    .append(markdown(ReportContent.display(r.get("data")))).append(" |\n");
        }
    }

    /** The template version, every handler source and every evidence file's SHA-256. */
    static void provenance(StringBuilder out, ReportContent report) {
        AuditTrail trail = report.trail();
        out.append("\n## Provenance\n\nTemplate ").append(markdown(trail.templateCode())).append(" version ")
                .append(markdown(trail.templateVersion())).append("\n\n| Handler source | Activities |\n|---|---|\n");
        for (Map<String, Object> h : trail.handlers()) {
            out.append("| ").append(markdown(h.get("source"))).append(" | ")
                    .append(markdown(ReportContent.display(h.get("activities")))).append(" |\n");
        }
        out.append("\n| Owner | Evidence | SHA-256 |\n|---|---|---|\n");
        for (Map<String, Object> e : report.evidence()) {
            out.append("| ").append(markdown(e.get("owner"))).append(" | ").append(markdown(e.get("artifact"))).append(" | ")
                    .append(markdown(e.get("sha256"))).append(" |\n");
        }
    }
}
