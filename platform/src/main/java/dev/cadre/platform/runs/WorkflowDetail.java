package dev.cadre.platform.runs;

import dev.cadre.platform.engine.Progress;
import dev.cadre.platform.engine.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shapes {@code GET /api/workflows/{id}}: the run's row, its template's phases and activities with their
 * run records (a parallel activity lists its instances), and the live query's status when Temporal
 * still has the run.
 */
public final class WorkflowDetail {

    private WorkflowDetail() {
    }

    /**
     * @param run   the run's row from {@link RunRecordQueries#workflow}
     * @param steps its rows from {@link RunRecordQueries#steps}
     * @param live  the live progress, if the run is still known to Temporal
     * @param resumptions when and why the run was continued from its records
     */
    public static Map<String, Object> of(Map<String, Object> run, Map<String, Object> parameters, List<Map<String, Object>> steps,
                                  Optional<Progress> live, List<Map<String, Object>> resumptions) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String key : List.of("workflowId", "runId", "template", "version", "businessKey")) {
            body.put(key, run.get(key));
        }
        body.put("parameters", parameters);
        body.put("status", live.map(Progress::status).orElse((String) run.get("status")));
        body.put("currentPhase", live.isPresent() ? live.get().currentPhase() : run.get("currentPhase"));
        body.put("error", live.map(Progress::error).orElse((String) run.get("error")));
        body.put("live", live.isPresent());
        body.put("startedAt", run.get("startedAt"));
        body.put("completedAt", run.get("completedAt"));
        body.put("resumptions", resumptions);
        body.put("phases", phases(steps, (String) body.get("currentPhase")));
        return body;
    }

    /** @return a run Temporal knows but whose first record is not written yet: the live view alone */
    public static Map<String, Object> liveOnly(String workflowId, Progress live) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflowId", workflowId);
        body.put("template", live.template());
        body.put("version", live.version());
        body.put("status", live.status());
        body.put("currentPhase", live.currentPhase());
        body.put("error", live.error());
        body.put("live", true);
        body.put("phases", List.of());
        return body;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> phases(List<Map<String, Object>> steps, String currentPhase) {
        Map<String, Map<String, Object>> phases = new LinkedHashMap<>();
        Map<String, Map<String, Object>> activities = new LinkedHashMap<>();
        for (Map<String, Object> row : steps) {
            String phaseName = (String) row.get("phase_name");
            Map<String, Object> phase = phases.computeIfAbsent(phaseName, name -> {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("name", name);
                view.put("order", row.get("phase_order"));
                view.put("executionMode", row.get("phase_mode"));
                view.put("status", null);
                view.put("activities", new ArrayList<Map<String, Object>>());
                return view;
            });
            String code = (String) row.get("activity_code");
            Map<String, Object> activity = activities.computeIfAbsent(code, c -> {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("code", c);
                view.put("name", row.get("activity_name"));
                view.put("type", row.get("activity_type"));
                view.put("manual", row.get("is_manual"));
                view.put("executionMode", row.get("execution_mode"));
                view.put("handler", row.get("handler_name"));
                view.put("status", StepStatus.PENDING.name());
                ((List<Map<String, Object>>) phase.get("activities")).add(view);
                return view;
            });
            if (row.get("status") == null) {
                continue; // not reached yet
            }
            if ("parallel".equals(row.get("execution_mode"))) {
                ((List<Map<String, Object>>) activity.computeIfAbsent("instances", k -> new ArrayList<>())).add(execution(row));
                activity.put("status", aggregate((List<Map<String, Object>>) activity.get("instances")));
            } else {
                activity.putAll(execution(row));
                activity.remove("instanceId");
            }
        }
        for (Map<String, Object> phase : phases.values()) {
            phase.put("status", phaseStatus((List<Map<String, Object>>) phase.get("activities"), phase.get("name").equals(currentPhase)));
        }
        return new ArrayList<>(phases.values());
    }

    private static Map<String, Object> execution(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("instanceId", row.get("instance_id"));
        view.put("status", row.get("status"));
        view.put("outcome", row.get("outcome"));
        view.put("retries", row.get("retry_count"));
        view.put("lastError", row.get("last_error"));
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", row.get("handler_source"));
        provenance.put("sha256", row.get("handler_sha256"));
        view.put("provenance", provenance);
        view.put("completedBy", row.get("completed_by"));
        view.put("comment", row.get("comment"));
        view.put("assigneeRole", row.get("assignee_role"));
        view.put("dueAt", row.get("due_at"));
        view.put("startedAt", row.get("started_at"));
        view.put("completedAt", row.get("completed_at"));
        return view;
    }

    /** A parallel activity is as far as its least advanced instance; any failure shows. */
    private static String aggregate(List<Map<String, Object>> instances) {
        List<StepStatus> statuses = instances.stream().map(i -> StepStatus.valueOf((String) i.get("status"))).toList();
        for (StepStatus open : List.of(StepStatus.FAILED, StepStatus.WAITING, StepStatus.RUNNING, StepStatus.PENDING,
                StepStatus.CANCELLED, StepStatus.COMPENSATED)) {
            if (statuses.contains(open)) {
                return open.name();
            }
        }
        return statuses.stream().allMatch(s -> s == StepStatus.SKIPPED) ? StepStatus.SKIPPED.name() : StepStatus.COMPLETED.name();
    }

    private static String phaseStatus(List<Map<String, Object>> activities, boolean current) {
        List<String> statuses = activities.stream().map(a -> (String) a.get("status")).toList();
        if (statuses.contains("FAILED")) {
            return "FAILED";
        }
        if (current || statuses.stream().anyMatch(s -> s.equals("RUNNING") || s.equals("WAITING"))) {
            return "RUNNING";
        }
        if (statuses.stream().allMatch(s -> s.equals("PENDING"))) {
            return "PENDING";
        }
        if (statuses.stream().anyMatch(s -> s.equals("CANCELLED") || s.equals("COMPENSATED"))) {
            return "CANCELLED";
        }
        return statuses.stream().allMatch(s -> s.equals("COMPLETED") || s.equals("SKIPPED")) ? "COMPLETED" : "RUNNING";
    }
}
