package dev.cadre.platform.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's detail (the same {@code WorkflowDetail} map {@code GET /api/workflows/{id}} answers) as rows for
 * the run page: per phase its steps, and under a parallel step one row per instance, each with status,
 * who, when, duration, retries, last error and handler provenance.
 */
final class RunView {

    private RunView() {
    }

    /** A phase and its rows. */
    record Phase(String name, String status, String mode, List<Row> rows) {
    }

    /** A step, or one instance of a parallel step. */
    record Row(boolean isInstance, String code, String name, String type, String instance, String status, String outcome, String who,
               String started, String completed, String duration, String retries, String lastError, String handler, String provenance,
               String taskHref) {
    }

    @SuppressWarnings("unchecked")
    static List<Phase> phases(String workflowId, Map<String, Object> detail) {
        List<Phase> phases = new ArrayList<>();
        for (Map<String, Object> phase : (List<Map<String, Object>>) detail.getOrDefault("phases", List.of())) {
            List<Row> rows = new ArrayList<>();
            for (Map<String, Object> step : (List<Map<String, Object>>) phase.get("activities")) {
                rows.add(row(workflowId, step, step, false));
                for (Map<String, Object> instance : (List<Map<String, Object>>) step.getOrDefault("instances", List.of())) {
                    rows.add(row(workflowId, step, instance, true));
                }
            }
            phases.add(new Phase(Formats.text(phase.get("name")), Formats.text(phase.get("status")), Formats.text(phase.get("executionMode")), rows));
        }
        return phases;
    }

    @SuppressWarnings("unchecked")
    private static Row row(String workflowId, Map<String, Object> step, Map<String, Object> run, boolean isInstance) {
        String status = Formats.text(run.get("status"));
        String instance = isInstance ? Formats.text(run.get("instanceId")) : "";
        boolean manual = Boolean.TRUE.equals(step.get("manual"));
        String who = run.get("completedBy") != null ? Formats.text(run.get("completedBy"))
                : manual && run.get("assigneeRole") != null ? "role " + run.get("assigneeRole") : "";
        Map<String, Object> provenance = (Map<String, Object>) run.getOrDefault("provenance", Map.of());
        String source = Formats.text(provenance.get("source"));
        String sha = Formats.text(provenance.get("sha256"));
        boolean waitingTask = manual && "WAITING".equals(status) && (isInstance || !step.containsKey("instances"));
        return new Row(isInstance, Formats.text(step.get("code")), Formats.text(step.get("name")), Formats.text(step.get("type")), instance, status,
                Formats.text(run.get("outcome")), who, Formats.time(run.get("startedAt")), Formats.time(run.get("completedAt")),
                Formats.between(run.get("startedAt"), run.get("completedAt")), Formats.text(run.get("retries")), Formats.text(run.get("lastError")),
                Formats.text(step.get("handler")), sha.isEmpty() ? source : source + " (sha256 " + sha.substring(0, Math.min(12, sha.length())) + "…)",
                waitingTask ? Links.task(workflowId, Formats.text(step.get("code")), instance) : "");
    }
}
