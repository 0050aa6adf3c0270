package dev.cadre.plugins.reporting;

import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code report/sections.json} the final report shows, with the run's {@link AuditTrail},
 * read once for every format.
 */
record ReportContent(String title, String businessKey, Object reportingPeriod, Map<String, Object> summary,
                     Map<String, Object> scope, Map<String, Object> samples, List<Map<String, Object>> evidence,
                     List<Map<String, Object>> documents, List<Map<String, Object>> observations, AuditTrail trail) {

    static ReportContent of(Map<String, Object> json, AuditTrail trail) {
        String where = ArtifactNames.REPORT_SECTIONS;
        Map<String, Map<String, Object>> byId = new java.util.LinkedHashMap<>();
        Values.maps(json, "sections", where).forEach(s -> byId.put(String.valueOf(s.get("id")), s));
        Map<String, Object> testing = byId.getOrDefault("testing", Map.of());
        Map<String, Object> observed = byId.getOrDefault("observations", Map.of());
        return new ReportContent(Values.string(json, "title", "Test report", where),
                Values.string(json, "businessKey", "", where), json.get("reportingPeriod"),
                Values.map(json, "summary", where), byId.getOrDefault("scope", Map.of()),
                byId.getOrDefault("samples", Map.of()), Values.maps(byId.getOrDefault("evidence", Map.of()), "owners", where + " evidence"),
                Values.maps(testing, "documents", where + " testing"),
                Values.maps(observed, "observations", where + " observations"), trail);
    }

    /** @return the failures an observation covers */
    static List<Map<String, Object>> failures(Map<String, Object> observation) {
        return Values.maps(observation, "failures", "observation " + observation.get("id"));
    }

    /**
     * @return the machine-readable report: every observation with the exact failures it covers and the
     *         owner's responses, the sign-off trail, the template, handler sources and evidence checksums
     */
    Map<String, Object> toJson() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> o : observations) {
            List<Map<String, Object>> failures = new ArrayList<>();
            for (Map<String, Object> f : failures(o)) {
                failures.add(Json.object("sampleId", f.get("sampleId"), "attribute", o.get("attribute"),
                        "document", o.get("document"), "reportValue", f.get("reportValue"),
                        "evidenceValue", f.get("evidenceValue"), "detail", f.get("detail")));
            }
            list.add(Json.object("id", o.get("id"), "document", o.get("document"), "owner", o.get("owner"),
                    "attribute", o.get("attribute"), "severity", o.get("severity"), "tested", o.get("tested"),
                    "failureCount", o.get("failureCount"), "failures", failures, "responses", trail.responses(o.get("document"))));
        }
        List<Map<String, Object>> checksums = new ArrayList<>();
        evidence.forEach(e -> checksums.add(Json.object("owner", e.get("owner"), "artifact", e.get("artifact"), "sha256", e.get("sha256"))));
        return Json.object("title", title, "businessKey", businessKey, "reportingPeriod", reportingPeriod,
                "template", Json.object("code", trail.templateCode(), "version", trail.templateVersion()),
                "summary", summary, "documents", documents, "observations", list, "signOffs", trail.signOffs(),
                "handlers", trail.handlers(), "evidence", checksums);
    }

    /** @return a value as people read it: lists joined with commas, maps as {@code key: value} pairs */
    static String display(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(ReportContent::display).toList());
        }
        if (value instanceof Map<?, ?> map) {
            return String.join(", ", map.entrySet().stream().map(e -> e.getKey() + ": " + display(e.getValue())).toList());
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** @return a summary key as people read it: {@code reportRows} becomes {@code Report rows} */
    static String label(String key) {
        String words = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
