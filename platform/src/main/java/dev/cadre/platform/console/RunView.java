package dev.cadre.platform.console;

import dev.cadre.platform.runs.ActivityView;
import dev.cadre.platform.runs.Execution;
import dev.cadre.platform.runs.InstanceView;
import dev.cadre.platform.runs.PhaseView;
import dev.cadre.platform.runs.RunDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
               String taskHref, String doneHref, String progress) {
    }

    static List<Phase> phases(String workflowId, RunDetail detail) {
        List<Phase> phases = new ArrayList<>();
        for (PhaseView phase : detail.phases()) {
            List<Row> rows = new ArrayList<>();
            for (ActivityView step : phase.activities()) {
                rows.add(row(workflowId, step, step.status(), "", step.execution(), false, progress(step, fanOut(phase))));
                for (InstanceView instance : step.instances() == null ? List.<InstanceView>of() : step.instances()) {
                    rows.add(row(workflowId, step, instance.status(), instance.instanceId(), instance.execution(), true, ""));
                }
            }
            phases.add(new Phase(phase.name(), phase.status(), phase.executionMode(), rows));
        }
        return phases;
    }

    /** The instances a parallel phase has reached: the most any of its parallel steps recorded. */
    private static long fanOut(PhaseView phase) {
        return phase.activities().stream().filter(a -> a.instanceCount() != null).mapToLong(ActivityView::instanceCount).max().orElse(0);
    }

    /** A parallel step's summary: {@code 1 of 3 done}, and how many are listed when not all are. */
    private static String progress(ActivityView step, long fanOut) {
        if (step.instances() == null) {
            return "";
        }
        long done = step.instanceCounts().entrySet().stream().filter(e -> FINISHED.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        long reached = Math.max(fanOut, step.instanceCount());
        String listed = step.instances().size() < step.instanceCount() ? "; " + step.instances().size() + " listed, those needing attention first" : "";
        return String.format("%,d of %,d done%s", done, reached, listed);
    }

    /** The statuses after which a step has something to show for what it did. */
    private static final java.util.Set<String> FINISHED = java.util.Set.of("COMPLETED", "FAILED", "SKIPPED", "COMPENSATED");

    private static Row row(String workflowId, ActivityView step, String status, String instance, Execution run, boolean isInstance,
                           String progress) {
        Execution e = run == null ? new Execution(null, 0, null, new Execution.Provenance(null, null), null, null, null, null, null, null) : run;
        String who = e.completedBy() != null ? e.completedBy() : step.manual() && e.assigneeRole() != null ? "role " + e.assigneeRole() : "";
        String source = Formats.text(e.provenance().source());
        String sha = Formats.text(e.provenance().sha256());
        boolean waitingTask = step.manual() && "WAITING".equals(status) && (isInstance || step.instances() == null);
        return new Row(isInstance, step.code(), step.name(), step.type(), instance, status, Formats.text(e.outcome()), who,
                Formats.time(e.startedAt()), Formats.time(e.completedAt()), Formats.between(e.startedAt(), e.completedAt()),
                run == null ? "" : String.valueOf(e.retries()), Formats.text(e.lastError()), Formats.text(step.handler()),
                sha.isEmpty() ? source : source + " (sha256 " + sha.substring(0, Math.min(12, sha.length())) + "…)",
                waitingTask ? Links.task(workflowId, step.code(), instance) : "",
                run != null && FINISHED.contains(status) ? StepPage.href(workflowId, step.code(), instance) : "", progress);
    }
}
