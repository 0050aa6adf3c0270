package dev.cadre.platform.engine;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.platform.persistence.DatabaseException;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.plugins.HandlerLease;
import dev.cadre.platform.plugins.HandlerProvenance;
import dev.cadre.platform.plugins.HandlerRegistry;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker's one dynamic activity: the activity type is the handler name. It resolves the handler
 * in the {@link HandlerRegistry}, builds its {@code ActivityContext}, runs it while heartbeating on its
 * behalf, and returns what happened. It decides no step state: before the handler runs it applies the
 * step changes the workflow handed it ({@link ActivityInvocation#changes()}, the workflow's own
 * decisions, carried to save a round trip), and it reports this attempt's outcome back, which the
 * workflow records in turn. So a late or duplicate attempt can never move a step's record.
 */
public final class HandlerActivity implements DynamicActivity, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HandlerActivity.class);
    private static final int MAX_OUTPUT_BYTES = 256 * 1024;
    private static final int RUN_CACHE_SIZE = 1024;

    private final HandlerRegistry registry;
    private final RunRecords records;
    private final Artifacts artifacts;
    private final TemplateCatalog templates;
    private final Json json;
    private final ExecutionEvents events;
    private final Heartbeats heartbeats = new Heartbeats();
    private final Map<String, Template> templateCache = new ConcurrentHashMap<>();
    // a run's identity and parameters never change once recorded: read them once per run, not per activity
    private final Map<String, RunRecords.RunInfo> runCache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunRecords.RunInfo> eldest) {
            return size() > RUN_CACHE_SIZE;
        }
    });

    /**
     * @param registry  resolves handler names
     * @param records   run records (read for the run's identity and upstream outputs)
     * @param artifacts artifact storage
     * @param templates template snapshots (a run's version never changes, so they are cached)
     * @param json      the JSON codec
     * @param events    told how each execution ended and how long it took
     */
    public HandlerActivity(HandlerRegistry registry, RunRecords records, Artifacts artifacts, TemplateCatalog templates, Json json,
            ExecutionEvents events) {
        this.registry = registry;
        this.records = records;
        this.artifacts = artifacts;
        this.templates = templates;
        this.json = json;
        this.events = events;
    }

    @Override
    public Object execute(EncodedValues args) {
        ActivityExecutionContext execution = Activity.getExecutionContext();
        String handlerName = execution.getInfo().getActivityType();
        int attempt = execution.getInfo().getAttempt();
        ActivityInvocation invocation = args.get(0, ActivityInvocation.class);
        StepKey step = invocation.step();
        RunRecords.RunInfo run;
        Template template;
        try {
            records.recordSteps(invocation.workflowId(), invocation.changes()); // the workflow's, applied on its behalf
            run = run(invocation.workflowId(), execution.getInfo().getWorkflowRunId());
            template = template(run);
        } catch (DatabaseException e) {
            throw databaseUnavailable(invocation, attempt, null, e);
        }
        ActivityTemplate activity = template.activity(step.activityCode()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "template " + template.code() + " v" + template.version() + " has no activity " + step.activityCode(), StepFailures.INVALID_INVOCATION));
        PhaseTemplate phase = template.phaseOf(step.activityCode()).orElseThrow();

        // a pinned step runs on its template version's release only, never on whatever is newest here
        String release = activity.handlerRelease();
        HandlerLease lease = (release == null ? registry.lease(handlerName) : registry.lease(handlerName, release)).orElse(null);
        if (lease == null) {
            String wanted = release == null ? handlerName : handlerName + "@" + release;
            events.handlerNotFound(wanted);
            throw StepFailures.handlerNotFound(wanted, new StepAttempt(attempt, null, null));
        }
        MDC.put("workflowId", invocation.workflowId());
        MDC.put("activity", step.toString());
        HostActivityContext context = new HostActivityContext(run, template, phase.name(), activity, invocation, records, artifacts, json, execution,
                LoggerFactory.getLogger("cadre.handler." + handlerName));
        try (lease; Heartbeats.Ticket beating = heartbeats.start(execution, context::lastHeartbeat)) {
            return invocation.compensates()
                    ? compensate(lease, context, invocation, attempt)
                    : run(lease, context, activity, invocation, attempt);
        } finally {
            MDC.remove("workflowId");
            MDC.remove("activity");
        }
    }

    /** Keyed by Temporal run too: a run continued on another template version is a new Temporal run. */
    private RunRecords.RunInfo run(String workflowId, String temporalRunId) {
        String key = workflowId + "/" + temporalRunId;
        RunRecords.RunInfo cached = runCache.get(key);
        if (cached != null) {
            return cached;
        }
        RunRecords.RunInfo run = records.run(workflowId).orElseThrow(() -> ApplicationFailure.newFailure(
                "workflow " + workflowId + " has no run record yet", StepFailures.RUN_NOT_RECORDED));
        runCache.put(key, run);
        return run;
    }

    private Template template(RunRecords.RunInfo run) {
        return templateCache.computeIfAbsent(run.templateCode() + "@" + run.templateVersion(),
                k -> templates.find(run.templateCode(), run.templateVersion()).orElseThrow(() -> new IllegalStateException("template " + k + " is gone")));
    }

    private StepOutcome run(HandlerLease lease, HostActivityContext context, ActivityTemplate activity, ActivityInvocation invocation, int attempt) {
        StepKey step = invocation.step();
        HandlerProvenance provenance = lease.provenance();
        context.attempt(attempt);
        long began = System.nanoTime();
        try {
            ActivityResult result = lease.handler().execute(context);
            if (result == null) {
                throw ActivityFailure.nonRetryable(StepFailures.INVALID_RESULT, "handler " + provenance.handlerName() + " returned no result");
            }
            Map<String, Object> output = checkedOutput(result, provenance);
            StepStatus status = activity.manual() ? StepStatus.WAITING : result.isSkipped() ? StepStatus.SKIPPED : StepStatus.COMPLETED;
            StepOutcome outcome = new StepOutcome(status, output, result.message(), provenance.source(), provenance.sha256(), attempt);
            if (attempt > 1) {
                context.log().info("{} {} by {} (attempt {})", step, status, provenance.source(), attempt);
            } else {
                // one line per step is noise at hundreds of steps a second; the run records tell the same
                context.log().debug("{} {} by {} (attempt {})", step, status, provenance.source(), attempt);
            }
            report(provenance, status == StepStatus.SKIPPED ? ExecutionOutcome.SKIPPED : ExecutionOutcome.COMPLETED, began);
            return outcome;
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) {
            RuntimeException failure = failed(invocation, e, attempt, provenance);
            report(provenance, failureOutcome(failure, invocation.nonRetryableErrors(), attempt, invocation.maxAttempts()), began);
            throw failure;
        }
    }

    private StepOutcome compensate(HandlerLease lease, HostActivityContext context, ActivityInvocation invocation, int attempt) {
        HandlerProvenance provenance = lease.provenance();
        context.attempt(attempt);
        long began = System.nanoTime();
        try {
            lease.handler().compensate(context, ActivityResult.completed(invocation.compensation()));
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) {
            log.warn("Compensation of {} in {} failed (attempt {})", invocation.step(), invocation.workflowId(), attempt, e);
            ApplicationFailure failure = ApplicationFailure.newFailureWithCause(StepFailures.message(e), StepFailures.COMPENSATION_FAILED, e,
                    new StepAttempt(attempt, provenance.source(), provenance.sha256()));
            report(provenance, failureOutcome(failure, List.of(), attempt, StepFailures.COMPENSATION_ATTEMPTS), began);
            throw failure;
        }
        report(provenance, ExecutionOutcome.COMPENSATED, began);
        context.log().info("{} compensated", invocation.step());
        return new StepOutcome(StepStatus.COMPENSATED, invocation.compensation(), null, provenance.source(), provenance.sha256(), attempt);
    }

    private void report(HandlerProvenance provenance, ExecutionOutcome outcome, long began) {
        events.executed(provenance.handlerName(), provenance.source(), outcome, Duration.ofNanos(System.nanoTime() - began));
    }

    /**
     * Whether Temporal (or, for an unreachable database, the workflow) runs a failed attempt again: the
     * failure is retryable, its type is not in the policy's non-retryable list, and attempts are left.
     */
    private static ExecutionOutcome failureOutcome(RuntimeException failure, List<String> nonRetryableErrors, int attempt, int maxAttempts) {
        if (!(failure instanceof ApplicationFailure application)) {
            return ExecutionOutcome.RETRIED; // anything else is retryable under the policy
        }
        if (StepFailures.DATABASE_UNAVAILABLE.equals(application.getType())) {
            return ExecutionOutcome.RETRIED;
        }
        boolean attemptsLeft = maxAttempts <= 0 || attempt < maxAttempts;
        return !application.isNonRetryable() && !nonRetryableErrors.contains(application.getType()) && attemptsLeft
                ? ExecutionOutcome.RETRIED : ExecutionOutcome.FAILED;
    }

    private Map<String, Object> checkedOutput(ActivityResult result, HandlerProvenance provenance) {
        if (result.output() == null) {
            return new java.util.LinkedHashMap<>();
        }
        String text; // written once: checked for size, then read back as plain JSON values
        try {
            text = json.write(result.output());
        } catch (IllegalArgumentException e) {
            throw ActivityFailure.nonRetryable(StepFailures.INVALID_RESULT, "handler " + provenance.handlerName() + " returned an output that is not JSON: " + e.getMessage());
        }
        if (text.length() > MAX_OUTPUT_BYTES) {
            throw ActivityFailure.nonRetryable(StepFailures.OUTPUT_TOO_LARGE, "handler " + provenance.handlerName() + " returned " + text.length()
                    + " bytes of output; the limit is " + MAX_OUTPUT_BYTES + ": put large data in an artifact");
        }
        return json.readMap(text);
    }

    /**
     * Maps a handler failure to a Temporal failure. Temporal enforces the template's retry policy; a
     * failure caused by the host's own database is not the handler's: the workflow waits for the
     * database and runs the step again without using up its attempts.
     */
    private RuntimeException failed(ActivityInvocation invocation, Throwable e, int attempt, HandlerProvenance provenance) {
        if (causedByDatabase(e)) {
            return databaseUnavailable(invocation, attempt, provenance, e);
        }
        String type;
        boolean retryable;
        if (e instanceof ActivityFailure failure) {
            type = failure.type();
            retryable = failure.isRetryable();
        } else {
            type = e.getClass().getSimpleName();
            retryable = true;
        }
        String message = StepFailures.message(e);
        if (!(e instanceof ActivityFailure)) {
            log.warn("Handler of {} in {} failed (attempt {})", invocation.step(), invocation.workflowId(), attempt, e);
        }
        StepAttempt details = new StepAttempt(attempt, provenance.source(), provenance.sha256());
        return retryable
                ? ApplicationFailure.newFailureWithCause(message, type, e, details)
                : ApplicationFailure.newNonRetryableFailureWithCause(message, type, e, details);
    }

    private static boolean causedByDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DatabaseException || cause instanceof SQLTransientException) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException databaseUnavailable(ActivityInvocation invocation, int attempt, HandlerProvenance provenance, Throwable e) {
        log.warn("{} of workflow {} could not reach the database (attempt {}): {}", invocation.step(), invocation.workflowId(), attempt,
                StepFailures.message(e));
        return StepFailures.databaseUnavailable(e,
                new StepAttempt(attempt, provenance == null ? null : provenance.source(), provenance == null ? null : provenance.sha256()));
    }

    /** Stops the heartbeat ticker. */
    @Override
    public void close() {
        heartbeats.close();
    }
}
