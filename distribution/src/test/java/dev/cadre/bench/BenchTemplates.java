package dev.cadre.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's template documents. The cycle is the shipped test cycle made all-automated, same shape
 * (9 phases, 49 activities, fan-outs of 3/3/3 = 77 executions), as the in-process {@code BenchTemplate}
 * makes it: every step runs {@link NoOpStepHandler}, conditions are dropped, approvals become
 * completions. The wide fan-out is one parallel phase of two steps per instance.
 */
final class BenchTemplates {

    static final String CYCLE = "bench-host-cycle";
    static final String WIDE = "bench-host-wide";
    /** The cycle's start parameters: three of each fan-out. */
    static final Map<String, Object> CYCLE_PARAMETERS = Map.of(
            "dataOwners", List.of("finance", "credit-risk", "operations"),
            "documents", List.of("doc-1", "doc-2", "doc-3"),
            "executions", List.of("exec-1", "exec-2", "exec-3"));
    /** Activity executions per cycle: 35 sequential + 3 x 5 + 3 x 4 + 3 x 5. */
    static final int STEPS_PER_CYCLE = 77;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAN_OUTS = List.of("parameters.dataOwners", "parameters.documents", "parameters.executions");

    private BenchTemplates() {
    }

    /**
     * @param testCycle the distribution's {@code templates/test-cycle.json}
     * @return the all-automated cycle document
     */
    static String cycle(Path testCycle) throws IOException {
        ObjectNode template = (ObjectNode) JSON.readTree(testCycle.toFile());
        template.put("code", CYCLE).put("name", "Host benchmark cycle").put("description", "the test cycle, all-automated, no-op steps");
        template.remove("scenarios"); // they name the test cycle's manual steps, which this cycle has none of
        template.remove("parameters"); // its fan-outs are over the benchmark's own parameters, not the test cycle's
        Iterator<JsonNode> fanOuts = FAN_OUTS.stream().map(text -> (JsonNode) JSON.getNodeFactory().textNode(text)).iterator();
        for (JsonNode phase : template.path("phases")) {
            if ("parallel".equals(phase.path("executionMode").asText())) {
                ((ObjectNode) phase).set("fanOut", fanOuts.next());
            }
            for (JsonNode node : phase.path("activities")) {
                ObjectNode activity = (ObjectNode) node;
                String type = activity.path("type").asText();
                activity.put("type", type.equals("START") || type.equals("COMPLETE") ? type : "TASK");
                activity.put("manual", false);
                activity.put("handler", NoOpStepHandler.NAME);
                activity.put("timeoutSeconds", 60);
                activity.set("retryPolicy", JSON.valueToTree(retryPolicy()));
                activity.putNull("condition");
                activity.set("config", JSON.createObjectNode());
                for (JsonNode dependency : activity.path("dependsOn")) {
                    ((ObjectNode) dependency).put("type", "completion");
                }
            }
        }
        return JSON.writeValueAsString(template);
    }

    /** @return the codes of the cycle document's steps, phase by phase, to check the static workflow against */
    static List<List<String>> codes(String cycleDocument) throws IOException {
        List<List<String>> phases = new ArrayList<>();
        for (JsonNode phase : JSON.readTree(cycleDocument).path("phases")) {
            List<String> codes = new ArrayList<>();
            phase.path("activities").forEach(activity -> codes.add(activity.path("code").asText()
                    + ("parallel".equals(activity.path("executionMode").asText()) ? "*" : "")));
            phases.add(codes);
        }
        return phases;
    }

    /**
     * @param maxParallelism instances at once
     * @param maxInstances   the phase's {@code maxInstances}, or {@code null} to leave the field out
     * @return one parallel phase over {@code parameters.items}, two no-op steps per instance
     */
    static String wide(int maxParallelism, Integer maxInstances) throws IOException {
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("name", "Wide fan-out");
        phase.put("order", 1);
        phase.put("executionMode", "parallel");
        phase.put("fanOut", "parameters.items");
        phase.put("maxParallelism", maxParallelism);
        if (maxInstances != null) {
            phase.put("maxInstances", maxInstances);
        }
        phase.put("activities", List.of(step("WIDE_FIRST"), step("WIDE_SECOND")));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("code", WIDE);
        template.put("name", "Host benchmark wide fan-out");
        template.put("version", 1);
        template.put("phases", List.of(phase));
        return JSON.writeValueAsString(template);
    }

    /** @return {@code {"items": ["i1", ... "iN"]}} */
    static Map<String, Object> wideParameters(int instances) {
        List<String> items = new ArrayList<>(instances);
        for (int i = 1; i <= instances; i++) {
            items.add("i" + i);
        }
        return Map.of("items", items);
    }

    private static Map<String, Object> step(String code) {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("code", code);
        activity.put("name", code.charAt(0) + code.substring(1).toLowerCase().replace('_', ' '));
        activity.put("type", "TASK");
        activity.put("manual", false);
        activity.put("handler", NoOpStepHandler.NAME);
        activity.put("executionMode", "parallel");
        activity.put("timeoutSeconds", 60);
        activity.put("retryPolicy", retryPolicy());
        activity.put("condition", null);
        activity.put("config", Map.of());
        activity.put("dependsOn", List.of());
        return activity;
    }

    private static Map<String, Object> retryPolicy() {
        return Map.of("maximumAttempts", 3, "initialIntervalSeconds", 1, "backoffCoefficient", 2.0, "maximumIntervalSeconds", 60,
                "nonRetryableErrors", List.of());
    }
}
