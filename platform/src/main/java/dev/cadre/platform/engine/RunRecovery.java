package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.Dependency;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateNotFoundException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continues runs from their run records: a run its Temporal server no longer knows (the embedded
 * server restarted, or it was terminated outside Cadre), a FAILED or CANCELLED run an admin resumes,
 * and a RUNNING run an admin moves to another template version. The run keeps its workflow id;
 * completed and skipped steps keep their outputs and are not run again, waiting tasks wait again
 * with their due time, and steps that had not ended well run again.
 */
public final class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);
    /** Hosts starting together reconcile the same lost runs: the first claims a run for this long. */
    private static final Duration RECONCILE_CLAIM = Duration.ofMinutes(1);

    private final WorkflowClient client;
    private final String taskQueue;
    private final RunRecords records;
    private final TemplateCatalog templates;

    /**
     * @param client    the Temporal client
     * @param taskQueue the queue the workers poll
     * @param records   the run records
     * @param templates template versions
     */
    public RunRecovery(WorkflowClient client, String taskQueue, RunRecords records, TemplateCatalog templates) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.records = records;
        this.templates = templates;
    }

    /**
     * Starts again the RUNNING runs Temporal does not know at all (its server lost them); runs it reports
     * ended are left alone, since their last record write may still be on its way. The periodic check
     * of a running cluster calls it, one host at a time.
     *
     * @return the ids of the runs started again
     */
    public List<String> reconcileUnknown() {
        List<String> resumed = new ArrayList<>();
        for (String workflowId : records.runningWorkflowIds()) {
            try {
                if (temporalStatus(workflowId).isEmpty()
                        && continueRun(workflowId, null, "lost run continued by the periodic check: Temporal no longer knows it", RECONCILE_CLAIM)) {
                    resumed.add(workflowId);
                }
            } catch (RuntimeException e) {
                log.error("Could not continue lost run {}: {}", workflowId, e.toString());
            }
        }
        if (!resumed.isEmpty()) {
            log.warn("Continued {} run(s) Temporal had lost: {}", resumed.size(), resumed);
        }
        return resumed;
    }

    /**
     * Starts again every RUNNING run that Temporal does not run; called when a host starts.
     *
     * @return the ids of the runs started again
     */
    public List<String> reconcile() {
        List<String> resumed = new ArrayList<>();
        for (String workflowId : records.runningWorkflowIds()) {
            Optional<WorkflowExecutionStatus> status = temporalStatus(workflowId);
            if (status.isPresent() && status.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                continue;
            }
            String why = status.map(s -> "Temporal reports it " + s.name().replace("WORKFLOW_EXECUTION_STATUS_", ""))
                    .orElse("Temporal no longer knows it");
            try {
                if (continueRun(workflowId, null, "lost run continued at host start: " + why, RECONCILE_CLAIM)) {
                    resumed.add(workflowId);
                }
            } catch (RuntimeException e) {
                log.error("Could not continue run {} ({}): {}", workflowId, why, e.toString());
            }
        }
        if (!resumed.isEmpty()) {
            log.warn("Continued {} run(s) from their records at start: {}", resumed.size(), resumed);
        }
        return resumed;
    }

    /**
     * Continues a FAILED or CANCELLED run, or a RUNNING one Temporal lost, from the step that did not end well.
     *
     * @param workflowId the run
     * @throws RecoveryRefusedException when the run is RUNNING in Temporal or COMPLETED
     * @throws WorkflowNotFoundException when there is no such run
     */
    public void resume(String workflowId) {
        resume(workflowId, null, null);
    }

    /**
     * Continues a FAILED or CANCELLED run, or a RUNNING one Temporal lost, from the step that did not end well;
     * the resumption's record names who did it and why.
     *
     * @param workflowId the run
     * @param by         who asked (a user name), or {@code null} for an unnamed admin
     * @param why        their reason, or {@code null}
     * @throws RecoveryRefusedException when the run is RUNNING in Temporal or COMPLETED
     * @throws WorkflowNotFoundException when there is no such run
     */
    public void resume(String workflowId, String by, String why) {
        RunRecords.RunStatus run = records.status(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
        String who = who(by);
        switch (run.status()) {
            case "COMPLETED" -> throw new RecoveryRefusedException(workflowId, List.of("the run has COMPLETED: there is nothing to resume"));
            case "RUNNING" -> {
                refuseWhileRunning(workflowId);
                continueRun(workflowId, null, "lost run resumed by " + who + because(why), Duration.ZERO);
            }
            default -> continueRun(workflowId, null, "resumed by " + who + " after it ended " + run.status() + because(why), Duration.ZERO);
        }
    }

    /**
     * Runs a failed step again: its FAILED (or CANCELLED, or lost) run continues from its records, and that
     * step, with every step after it that had not ended well, runs again.
     *
     * @param workflowId   the run
     * @param activityCode the step that failed
     * @param by           who asked
     * @param why          their reason, or {@code null}
     * @throws RecoveryRefusedException when the run is COMPLETED or running, or the step did not fail
     * @throws WorkflowNotFoundException when there is no such run
     */
    public void retry(String workflowId, String activityCode, String by, String why) {
        RunRecords.RunStatus run = records.status(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
        List<String> reasons = new ArrayList<>();
        if ("COMPLETED".equals(run.status())) {
            reasons.add("the run has COMPLETED: there is nothing to retry");
        }
        List<RecordedStep> steps = records.recordedSteps(workflowId).stream().filter(s -> s.activityCode().equals(activityCode)).toList();
        if (steps.isEmpty()) {
            reasons.add("the run has no record of step " + activityCode);
        } else if (steps.stream().noneMatch(s -> s.status() == StepStatus.FAILED)) {
            reasons.add("step " + activityCode + " did not fail: it is " + steps.get(0).status());
        }
        if (!reasons.isEmpty()) {
            throw new RecoveryRefusedException(workflowId, reasons);
        }
        if ("RUNNING".equals(run.status())) {
            refuseWhileRunning(workflowId);
        }
        continueRun(workflowId, null, "step " + activityCode + " retried by " + who(by) + " after the run ended " + run.status() + because(why),
                Duration.ZERO);
    }

    private void refuseWhileRunning(String workflowId) {
        if (temporalStatus(workflowId).filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).isPresent()) {
            throw new RecoveryRefusedException(workflowId, List.of("the run is RUNNING: cancel it first, or migrate it"));
        }
    }

    private static String who(String by) {
        return by == null || by.isBlank() ? "an admin" : by;
    }

    private static String because(String why) {
        return why == null || why.isBlank() ? "" : ": " + why;
    }

    /**
     * Moves a RUNNING run to another version of its template; steps are matched by activity code.
     *
     * @param workflowId the run
     * @param version    the target version
     * @throws RecoveryRefusedException with every reason it cannot be done safely
     */
    public void migrate(String workflowId, int version) {
        migrate(workflowId, version, null, null);
    }

    /**
     * Moves a RUNNING run to another version of its template; the resumption's record names who did it and why.
     *
     * @param workflowId the run
     * @param version    the target version
     * @param by         who asked, or {@code null}
     * @param why        their reason, or {@code null}
     * @throws RecoveryRefusedException with every reason it cannot be done safely
     */
    public void migrate(String workflowId, int version, String by, String why) {
        RunRecords.RunStatus run = records.status(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
        Template target = templates.find(run.templateCode(), version).orElseThrow(() -> new TemplateNotFoundException(run.templateCode(), version,
                "template '" + run.templateCode() + "' has no version " + version));
        List<String> reasons = new ArrayList<>();
        if (!"RUNNING".equals(run.status())) {
            reasons.add("the run is " + run.status() + ": only a RUNNING run can move to another version");
        }
        if (run.templateVersion() == version) {
            reasons.add("the run is already on version " + version);
        }
        reasons.addAll(MigrationCheck.problems(records.recordedSteps(workflowId), target));
        if (!reasons.isEmpty()) {
            throw new RecoveryRefusedException(workflowId, reasons);
        }
        if (temporalStatus(workflowId).filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).isPresent()) {
            client.newUntypedWorkflowStub(workflowId).terminate("moved to template version " + version);
        }
        continueRun(workflowId, version, "migrated from version " + run.templateVersion() + " to " + version
                + (by == null ? "" : " by " + by) + because(why), Duration.ZERO);
    }

    /** @return whether this call continued the run (false: another host just did) */
    private boolean continueRun(String workflowId, Integer toVersion, String reason, Duration unlessResumedWithin) {
        RunRecords.RunStatus run = records.status(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
        int version = toVersion == null ? run.templateVersion() : toVersion;
        if (!records.resumed(workflowId, version, reason, unlessResumedWithin)) {
            log.info("Run {} was just continued by another host", workflowId);
            return false;
        }
        WorkflowRequest request = new WorkflowRequest(run.templateCode(), version, run.businessKey(), run.parameters(), true);
        TemplateWorkflow workflow = client.newWorkflowStub(TemplateWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
        try {
            WorkflowClient.start(workflow::run, request);
            log.info("Run {} continues from its records on {} v{}: {}", workflowId, run.templateCode(), version, reason);
        } catch (WorkflowExecutionAlreadyStarted e) {
            log.info("Run {} was already continued by another host", workflowId);
        }
        return true;
    }

    private Optional<WorkflowExecutionStatus> temporalStatus(String workflowId) {
        return Workflows.describe(client, workflowId).map(io.temporal.client.WorkflowExecutionDescription::getStatus);
    }

    /** Why a run's records cannot move to another template version. */
    static final class MigrationCheck {

        private MigrationCheck() {
        }

        static List<String> problems(List<RecordedStep> recorded, Template target) {
            List<String> problems = new ArrayList<>();
            Map<String, List<RecordedStep>> byCode = recorded.stream().collect(Collectors.groupingBy(RecordedStep::activityCode));
            for (RecordedStep step : recorded) {
                boolean kept = step.status() == StepStatus.COMPLETED || step.status() == StepStatus.SKIPPED || step.status() == StepStatus.WAITING;
                if (!kept) {
                    continue;
                }
                Optional<ActivityTemplate> activity = target.activity(step.activityCode());
                if (activity.isEmpty()) {
                    problems.add(step.status() + " step " + step.key() + " has no activity in version " + target.version());
                    continue;
                }
                if (step.status() == StepStatus.WAITING && !activity.get().manual()) {
                    problems.add("waiting task " + step.key() + " is automated in version " + target.version());
                }
                for (Dependency dependency : activity.get().dependsOn()) {
                    List<RecordedStep> upstream = byCode.getOrDefault(dependency.activity(), List.of());
                    if (upstream.isEmpty()) {
                        problems.add(step.key() + " would depend on " + dependency.activity() + ", which has not run in this run");
                    }
                    for (RecordedStep up : upstream) {
                        if (!DependencyCheck.satisfies(up.status(), up.outcome(), dependency.type())) {
                            problems.add(step.key() + " would depend on " + up.key() + " (" + dependency.type().value() + "), which is " + up.status());
                        }
                    }
                }
            }
            return problems;
        }
    }
}
