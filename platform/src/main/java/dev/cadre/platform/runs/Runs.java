package dev.cadre.platform.runs;

import dev.cadre.platform.engine.Progress;
import dev.cadre.platform.engine.RunRecovery;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.engine.TemplateCatalog;
import dev.cadre.platform.engine.WorkflowNotFoundException;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.templates.Template;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs as the edges see them, the application layer the REST endpoint and the console both call:
 * lists, a run's detail (its records joined with Temporal's live view), the task inbox, statistics,
 * and the operations on a run (start, cancel, resume, migrate). Every answer is a typed view.
 */
public final class Runs {

    private final Workflows workflows;
    private final RunRecovery recovery;
    private final RunRecordQueries queries;
    private final Json json;
    private final TemplateCatalog catalog;

    /**
     * @param workflows the workflow operations
     * @param recovery  continues runs from their records
     * @param queries   the run records' read side
     * @param json      reads the recorded start parameters
     * @param catalog   template snapshots
     */
    public Runs(Workflows workflows, RunRecovery recovery, RunRecordQueries queries, Json json, TemplateCatalog catalog) {
        this.workflows = workflows;
        this.recovery = recovery;
        this.queries = queries;
        this.json = json;
        this.catalog = catalog;
    }

    /** @return the template version the run is on, if still stored */
    public Optional<Template> template(Run run) {
        return catalog.find(run.summary().template(), run.summary().version());
    }

    /** @see RunRecordQueries#workflows */
    public List<RunSummary> list(String status, String template, String businessKey, int limit) {
        return queries.workflows(status, template, businessKey, limit);
    }

    /** @return the run's record, if written */
    public Optional<Run> find(String workflowId) {
        return queries.workflow(workflowId);
    }

    /** @return the run's internal id, if it has a record */
    public Optional<Long> runId(String workflowId) {
        return queries.runId(workflowId);
    }

    /** @return the run's completed outputs by activity code (a parallel activity's by instance key) */
    public Map<String, Object> outputs(long runId) {
        return queries.outputs(runId);
    }

    /** @return the run's steps: its template's activities joined with their records (none when its version is no longer stored) */
    public List<StepRow> steps(Run run) {
        return template(run).map(template -> queries.steps(run.id(), template)).orElse(List.of());
    }

    /**
     * @param workflowId  a run
     * @param withHistory whether to add the task events and the history counts (both from the records)
     * @return its detail: from its records joined with the live view, or the live view alone when its first
     *         record is not written yet; empty when neither knows it
     */
    public Optional<RunDetail> detail(String workflowId, boolean withHistory) {
        Optional<Run> found = queries.workflow(workflowId);
        if (found.isEmpty()) {
            // started, but its first record may not be written yet: Temporal is the only witness then
            return workflows.progress(workflowId).map(live -> WorkflowDetail.liveOnly(workflowId, live,
                    workflows.businessKey(workflowId).orElse(null),
                    catalog.find(live.template(), live.version()).map(Runs::unreached).orElse(List.of())));
        }
        Run run = found.get();
        Optional<Progress> live = run.running() ? workflows.progress(workflowId) : Optional.empty();
        RunRecordQueries.RunExtent extent = queries.extent(run.id(), ActivityView.INSTANCES_SHOWN + 1);
        List<StepRow> steps;
        Map<String, Map<String, Long>> counts;
        if (extent.instances() > ActivityView.INSTANCES_SHOWN) {
            // the capped walk (two LIMITed scans per activity) only when an activity may have more instances than are shown
            counts = queries.instanceCounts(run.id());
            steps = queries.steps(run.id(), run.templateId(), ActivityView.INSTANCES_SHOWN, counts);
        } else {
            steps = steps(run);
            counts = instanceCounts(steps);
        }
        List<Resumption> resumptions = extent.resumptions() == 0 ? List.of() : queries.resumptions(run.id());
        RunDetail detail = WorkflowDetail.of(run, json.readMap(run.parametersJson()), steps, counts, live, resumptions);
        if (!withHistory) {
            return Optional.of(detail);
        }
        return Optional.of(detail.withTaskEvents(extent.taskEvents() == 0 ? List.of() : queries.taskEvents(run.id()), extent.history()));
    }

    /** @return per parallel activity, its instances by status (in status order), as {@link RunRecordQueries#instanceCounts} counts them */
    static Map<String, Map<String, Long>> instanceCounts(List<StepRow> steps) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (StepRow step : steps) {
            if (step.reached() && !step.instanceId().isEmpty()) {
                counts.computeIfAbsent(step.code(), code -> new TreeMap<>()).merge(step.status(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** @return a template's activities as steps no run has reached yet */
    static List<StepRow> unreached(Template template) {
        return template.phases().stream().flatMap(p -> p.activities().stream().map(a -> new StepRow(p.name(), p.order(),
                p.executionMode().value(), a.code(), a.name(), a.type().name(), a.manual(), a.handler(), a.executionMode().value(),
                null, null, null, null, null, null, null, null, null, null, null, null, null))).toList();
    }

    /** @see RunRecordQueries#tasks */
    public List<TaskView> tasks(StepStatus status, String assignee, List<String> roles, String person, String workflowId, int limit) {
        return queries.tasks(status, assignee, roles, person, workflowId, limit);
    }

    /** @see RunRecordQueries#handlerStats */
    public List<RunRecordQueries.HandlerStats> handlerStats(Duration since) {
        return queries.handlerStats(since);
    }

    /** @see RunRecordQueries#taskStats */
    public List<RunRecordQueries.TaskStats> taskStats(Duration since) {
        return queries.taskStats(since);
    }

    /** @return the started run */
    public Workflows.Started start(WorkflowRequest request) {
        return workflows.start(request);
    }

    /**
     * Asks a running run to cancel (it compensates).
     *
     * @throws RunEndedException         when its records show it ended
     * @throws WorkflowNotFoundException when no one knows the run
     */
    public void cancel(String workflowId) {
        Optional<Run> run = queries.workflow(workflowId);
        if (run.isEmpty() && workflows.progress(workflowId).isEmpty()) {
            throw new WorkflowNotFoundException(workflowId);
        }
        if (run.isPresent() && !run.get().running()) {
            throw new RunEndedException(workflowId, run.get().status());
        }
        workflows.cancel(workflowId);
    }

    /** @see RunRecovery#resume(String, String, String) */
    public void resume(String workflowId, String by, String why) {
        recovery.resume(workflowId, by, why);
    }

    /** @see RunRecovery#retry */
    public void retry(String workflowId, String activityCode, String by, String why) {
        recovery.retry(workflowId, activityCode, by, why);
    }

    /** @see RunRecovery#migrate(String, int, String, String) */
    public void migrate(String workflowId, int version, String by, String why) {
        recovery.migrate(workflowId, version, by, why);
    }
}
