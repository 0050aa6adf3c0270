package dev.cadre.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The sign-off trail two ways: as the final report lists it, and as the run's records
 * ({@code GET /api/workflows/{id}}, saved by the demo as {@code workflow.json}) hold it.
 */
final class SignOffs {

    /** The manual step that follows the report: the report cannot list its own sign-off. */
    static final String REPORT_SIGN_OFF = "SIGN_OFF_REPORT";

    private SignOffs() {
    }

    /** @return one line per sign-off in the report: activity[instance] outcome by completedBy: comment */
    static List<String> reported(JsonNode finalReport) {
        List<String> lines = new ArrayList<>();
        for (JsonNode s : finalReport.path("signOffs")) {
            lines.add(line(s.path("activity").asText(), s.path("instance").asText(""), s.path("outcome").asText(),
                    s.path("completedBy").asText(), s.path("comment").asText()));
        }
        return lines;
    }

    /** @return one line per manual step the run completed before the report's own sign-off */
    static List<String> recorded(JsonNode workflow) {
        List<String> lines = new ArrayList<>();
        for (JsonNode phase : workflow.path("phases")) {
            for (JsonNode activity : phase.path("activities")) {
                if (!activity.path("manual").asBoolean() || activity.path("code").asText().equals(REPORT_SIGN_OFF)) {
                    continue;
                }
                Iterable<JsonNode> executions = activity.has("instances") ? activity.path("instances") : List.of(activity);
                for (JsonNode e : executions) {
                    if ("COMPLETED".equals(e.path("status").asText())) {
                        lines.add(line(activity.path("code").asText(), e.path("instanceId").asText(""), e.path("outcome").asText(),
                                e.path("completedBy").asText(), e.path("comment").asText()));
                    }
                }
            }
        }
        return lines;
    }

    private static String line(String activity, String instance, String outcome, String completedBy, String comment) {
        return activity + "[" + instance + "] " + outcome + " by " + completedBy + ": " + comment;
    }
}
