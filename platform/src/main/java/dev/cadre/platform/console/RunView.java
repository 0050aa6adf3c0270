package dev.cadre.platform.console;

import dev.cadre.platform.runs.ActivityView;
import dev.cadre.platform.runs.Execution;
import dev.cadre.platform.runs.InstanceView;
import dev.cadre.platform.runs.PhaseView;
import dev.cadre.platform.runs.RunDetail;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's detail (the same {@link RunDetail} {@code GET /api/workflows/{id}} answers) as rows for the run
 * page: per phase its steps, and under a parallel step one row per instance, each with status, who, when,
 * duration, retries, last error and handler provenance.
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

    static List<Phase> phases(String workflowId, RunDetail detail) {
        List<Phase> phases = new ArrayList<>();
        for (PhaseView phase : detail.phases()) {
            List<Row> rows = new ArrayList<>();
            for (ActivityView step : phase.activities()) {
                rows.add(row(workflowId, step, step.status(), "", step.execution(), false));
                for (InstanceView instance : step.instances() == null ? List.<InstanceView>of() : step.instances()) {
                    rows.add(row(workflowId, step, instance.status(), instance.instanceId(), instance.execution(), true));
                }
            }
            phases.add(new Phase(phase.name(), phase.status(), phase.executionMode(), rows));
        }
        return phases;
    }

    private static Row row(String workflowId, ActivityView step, String status, String instance, Execution run, boolean isInstance) {
        Execution e = run == null ? new Execution(null, 0, null, new Execution.Provenance(null, null), null, null, null, null, null, null) : run;
        String who = e.completedBy() != null ? e.completedBy() : step.manual() && e.assigneeRole() != null ? "role " + e.assigneeRole() : "";
        String source = Formats.text(e.provenance().source());
        String sha = Formats.text(e.provenance().sha256());
        boolean waitingTask = step.manual() && "WAITING".equals(status) && (isInstance || step.instances() == null);
        return new Row(isInstance, step.code(), step.name(), step.type(), instance, status, Formats.text(e.outcome()), who,
                Formats.time(e.startedAt()), Formats.time(e.completedAt()), Formats.between(e.startedAt(), e.completedAt()),
                run == null ? "" : String.valueOf(e.retries()), Formats.text(e.lastError()), Formats.text(step.handler()),
                sha.isEmpty() ? source : source + " (sha256 " + sha.substring(0, Math.min(12, sha.length())) + "…)",
                waitingTask ? Links.task(workflowId, step.code(), instance) : "");
    }
}
