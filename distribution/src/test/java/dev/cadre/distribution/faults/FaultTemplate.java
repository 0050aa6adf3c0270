package dev.cadre.distribution.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An all-automated template for the fault tests: a sequential phase with a paced step, a parallel
 * phase whose instances (one per {@code parameters.items} element) each run a paced step and a marker,
 * and a closing sequential phase. Timeouts are over the 30 s heartbeat timeout, so every step is
 * heartbeated and a dead host's steps run again elsewhere.
 */
public final class FaultTemplate {

    /** The template code. */
    public static final String CODE = "faults";
    /** The fan-out of the parallel phase. */
    public static final List<String> ITEMS = List.of("a", "b", "c", "d", "e");
    /** Step rows one run writes: 3 + (1 + 2 per instance + 1) + 3. */
    public static final int ROWS_PER_RUN = 3 + 2 + 2 * ITEMS.size() + 3;

    private FaultTemplate() {
    }

    /** @return the template document */
    public static String json() throws JsonProcessingException {
        List<Object> phases = List.of(
                phase("Prepare", 1, false, List.of(
                        activity("PREP_START", "START", "AutomatedActivityHandler", false, 0),
                        activity("PREP_WORK", "TASK", PacedStepHandler.NAME, false, 1500),
                        activity("PREP_COMPLETE", "COMPLETE", "AutomatedActivityHandler", false, 0))),
                phase("Fan out", 2, true, List.of(
                        activity("FAN_START", "START", "AutomatedActivityHandler", false, 0),
                        activity("FAN_WORK", "TASK", PacedStepHandler.NAME, true, 2000),
                        activity("FAN_CHECK", "TASK", "AutomatedActivityHandler", true, 0),
                        activity("FAN_COMPLETE", "COMPLETE", "AutomatedActivityHandler", false, 0))),
                phase("Finish", 3, false, List.of(
                        activity("FINISH_START", "START", "AutomatedActivityHandler", false, 0),
                        activity("FINISH_WORK", "TASK", "AutomatedActivityHandler", false, 0),
                        activity("FINISH_COMPLETE", "COMPLETE", "AutomatedActivityHandler", false, 0))));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("code", CODE);
        template.put("name", "Fault test template");
        template.put("version", 1);
        template.put("phases", phases);
        return new ObjectMapper().writeValueAsString(template);
    }

    /** @return the start request of one run */
    public static String startRequest(String businessKey) throws JsonProcessingException {
        return new ObjectMapper().writeValueAsString(Map.of("template", CODE, "businessKey", businessKey,
                "parameters", Map.of("items", ITEMS)));
    }

    private static Map<String, Object> phase(String name, int order, boolean parallel, List<Map<String, Object>> activities) {
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("name", name);
        phase.put("order", order);
        phase.put("executionMode", parallel ? "parallel" : "sequential");
        phase.put("fanOut", parallel ? "parameters.items" : null);
        phase.put("maxParallelism", parallel ? ITEMS.size() : null);
        phase.put("activities", new ArrayList<>(activities));
        return phase;
    }

    private static Map<String, Object> activity(String code, String type, String handler, boolean perInstance, int millis) {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("code", code);
        activity.put("name", code.charAt(0) + code.substring(1).toLowerCase().replace('_', ' '));
        activity.put("type", type);
        activity.put("manual", false);
        activity.put("handler", handler);
        activity.put("executionMode", perInstance ? "parallel" : "sequential");
        activity.put("timeoutSeconds", 120);
        activity.put("retryPolicy", Map.of("maximumAttempts", 3, "initialIntervalSeconds", 1, "backoffCoefficient", 2.0,
                "maximumIntervalSeconds", 5, "nonRetryableErrors", List.of()));
        activity.put("condition", null);
        activity.put("config", millis > 0 ? Map.of("millis", millis) : Map.of());
        activity.put("dependsOn", List.of());
        return activity;
    }
}
