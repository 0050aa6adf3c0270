package dev.cadre.plugins.reporting;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.RunStep;
import dev.cadre.plugins.support.DocumentKey;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the run's records say about the people and the code behind the report, read from the context
 * when the report is generated (plugin API 1.1): every manual step completed so far (the sign-off
 * trail), the data owners' responses to observations (DATA_OWNER_RESPONSE, one per test execution,
 * keyed like the observations by {@code <owner>/<document>}), the template and every handler source.
 *
 * @param templateCode        the run's template
 * @param templateVersion     its version
 * @param signOffs            one per completed manual step, in the order the run recorded them
 * @param responsesByDocument document key to the owner's responses
 * @param handlers            one per handler source ({@code builtin} or {@code plugin-id@version}), with its activities
 */
record AuditTrail(String templateCode, int templateVersion, List<Map<String, Object>> signOffs,
                  Map<String, List<Map<String, Object>>> responsesByDocument, List<Map<String, Object>> handlers) {

    /** The manual step where a data owner answers the observations on one document. */
    static final String RESPONSE_ACTIVITY = "DATA_OWNER_RESPONSE";

    static AuditTrail of(ActivityContext context) {
        List<RunStep> steps = context.steps();
        List<Map<String, Object>> signOffs = new ArrayList<>();
        Map<String, RunStep> responseSteps = new LinkedHashMap<>();
        Map<String, Set<String>> bySource = new LinkedHashMap<>();
        for (RunStep step : steps) {
            if (step.manual() && "COMPLETED".equals(step.status())) {
                signOffs.add(Json.object("activity", step.activityCode(), "name", step.activityName(), "phase", step.phase(),
                        "instance", step.instanceKey(), "outcome", step.outcome(), "completedBy", step.completedBy(),
                        "completedAt", step.completedAt(), "comment", step.comment(), "round", step.round()));
                if (RESPONSE_ACTIVITY.equals(step.activityCode())) {
                    responseSteps.put(step.instanceKey(), step);
                }
            }
            if (step.handler() != null) {
                bySource.computeIfAbsent(step.handler(), h -> new LinkedHashSet<>()).add(step.activityCode());
            }
        }
        Map<String, List<Map<String, Object>>> responses = new LinkedHashMap<>();
        Inputs.instances(context, RESPONSE_ACTIVITY).forEach((document, output) -> {
            RunStep step = responseSteps.get(document);
            responses.computeIfAbsent(document, d -> new ArrayList<>()).add(Json.object(
                    "owner", DocumentKey.parse(document).owner(),
                    "completedBy", output.get("completedBy"),
                    "completedAt", step == null ? null : step.completedAt(),
                    "comment", output.get("comment"),
                    "data", Objects.requireNonNullElse(output.get("data"), Map.of())));
        });
        List<Map<String, Object>> handlers = new ArrayList<>();
        bySource.forEach((source, activities) -> handlers.add(Json.object("source", source, "activities", List.copyOf(activities))));
        return new AuditTrail(context.templateCode(), context.templateVersion(), signOffs, responses, handlers);
    }

    /** @return the responses to the observations on a document (empty when the owner gave none) */
    List<Map<String, Object>> responses(Object document) {
        return responsesByDocument.getOrDefault(String.valueOf(document), List.of());
    }

    /** @return the sign-offs grouped by phase, phases in the order the run reached them */
    Map<String, List<Map<String, Object>>> signOffsByPhase() {
        Map<String, List<Map<String, Object>>> byPhase = new LinkedHashMap<>();
        signOffs.forEach(s -> byPhase.computeIfAbsent(String.valueOf(s.get("phase")), p -> new ArrayList<>()).add(s));
        return byPhase;
    }
}
