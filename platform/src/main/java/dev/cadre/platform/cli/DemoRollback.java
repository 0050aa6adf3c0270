package dev.cadre.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a failed demo run undid, read back through the REST API as people would see it: the steps the
 * engine compensated, the data requests the owners now see withdrawn, the artifacts marked void.
 */
final class DemoRollback {

    private DemoRollback() {
    }

    /** Prints the rollback of a run that ended FAILED or CANCELLED. */
    static void print(AdminClient admin, String workflowId, JsonNode workflow, PrintWriter out) {
        List<String> compensated = new ArrayList<>();
        for (JsonNode phase : workflow.path("phases")) {
            for (JsonNode activity : phase.path("activities")) {
                Iterable<JsonNode> executions = activity.has("instances") ? activity.path("instances") : List.of(activity);
                for (JsonNode e : executions) {
                    if ("COMPENSATED".equals(e.path("status").asText())) {
                        compensated.add(activity.path("code").asText());
                    }
                }
            }
        }
        String artifacts = "/api/workflows/" + AdminClient.encode(workflowId) + "/artifacts";
        List<String> withdrawn = new ArrayList<>();
        List<String> voided = new ArrayList<>();
        for (JsonNode artifact : admin.get(artifacts).orThrow().json()) {
            String name = artifact.path("name").asText();
            if (name.startsWith("requests/") && name.endsWith(".json")
                    && "WITHDRAWN".equals(admin.get(artifacts + "/" + name).orThrow().json().path("status").asText())) {
                withdrawn.add(name.substring("requests/".length(), name.length() - ".json".length()));
            } else if (name.endsWith(".void.json") && admin.get(artifacts + "/" + name).orThrow().json().path("void").asBoolean()) {
                voided.add(name.substring(0, name.length() - ".void.json".length()));
            }
        }
        out.println("Rolled back: " + compensated.size() + " steps compensated (" + String.join(", ", compensated.stream().distinct().toList()) + ")");
        out.println("Data requests withdrawn: " + (withdrawn.isEmpty() ? "none" : String.join(", ", withdrawn)));
        out.println("Artifacts void: " + voided.size() + (voided.isEmpty() ? "" : " (" + String.join(", ", voided) + ")"));
    }
}
