package dev.cadre.platform.engine;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityResult;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker's one dynamic activity: the activity type is the handler name. It resolves the handler
 * in the {@link HandlerRegistry}, builds its {@code ActivityContext}, runs it, and writes the step's
 * run record at every state change.
 */
public final class HandlerActivity implements DynamicActivity {

    /** The failure type of an activity whose handler no loaded plugin or built-in provides. */
    public static final String HANDLER_NOT_FOUND = "HandlerNotFound";
    /** The failure type of a step whose handler failed as often as its retry policy allows. */
    public static final String RETRIES_EXHAUSTED = "RetriesExhausted";

    private static final Logger log = LoggerFactory.getLogger(HandlerActivity.class);
    private static final int MAX_OUTPUT_BYTES = 256 * 1024;
    private static final Duration MAX_HANDLER_WAIT_RETRY = Duration.ofSeconds(10);
    private static final int RUN_CACHE_SIZE = 1024;

    private final HandlerRegistry registry;
    private final RunRecords records;
    private final Artifacts artifacts;
    private final TemplateCatalog templates;
    private final Json json;
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
     * @param records   run records
     * @param artifacts artifact storage
     * @param templates template snapshots (a run's version never changes, so they are cached)
     * @param json      the JSON codec
     */
    public HandlerActivity(HandlerRegistry registry, RunRecords records, Artifacts artifacts, TemplateCatalog templates, Json json) {
        this.registry = registry;
        this.records = records;
        this.artifacts = artifacts;
        this.templates = templates;
        this.json = json;
    }

    @Override
    public Object execute(EncodedValues args) {
        ActivityExecutionContext execution = Activity.getExecutionContext();
        String handlerName = execution.getInfo().getActivityType();
        int temporalAttempt = execution.getInfo().getAttempt();
        ActivityInvocation invocation = args.get(0, ActivityInvocation.class);
        RunRecords.RunInfo run = run(invocation.workflowId());
        Template template = templateCache.computeIfAbsent(run.templateCode() + "@" + run.templateVersion(),
                k -> templates.find(run.templateCode(), run.templateVersion()).orElseThrow(() -> new IllegalStateException("template " + k + " is gone")));
        StepKey step = invocation.step();
        ActivityTemplate activity = template.activity(step.activityCode()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "template " + template.code() + " v" + template.version() + " has no activity " + step.activityCode(), "InvalidInvocation"));
        PhaseTemplate phase = template.phaseOf(step.activityCode()).orElseThrow();

        HandlerLease lease = registry.lease(handlerName).orElse(null);
        if (lease == null) {
            throw handlerMissing(invocation, handlerName, temporalAttempt);
        }
        MDC.put("workflowId", invocation.workflowId());
        MDC.put("activity", step.toString());
        try (lease) {
            HostActivityContext context = new HostActivityContext(run, template, phase.name(), activity, invocation, records, artifacts, json, execution,
                    LoggerFactory.getLogger("cadre.handler." + handlerName));
            return invocation.compensates()
                    ? compensate(lease, context, invocation)
                    : run(lease, context, activity, invocation, temporalAttempt);
        } finally {
            MDC.remove("workflowId");
            MDC.remove("activity");
        }
    }

    private RunRecords.RunInfo run(String workflowId) {
        RunRecords.RunInfo cached = runCache.get(workflowId);
        if (cached != null) {
            return cached;
        }
        RunRecords.RunInfo run = records.run(workflowId).orElseThrow(() -> ApplicationFailure.newFailure(
                "workflow " + workflowId + " has no run record yet", "RunNotRecorded"));
        runCache.put(workflowId, run);
        return run;
    }

    private StepOutcome run(HandlerLease lease, HostActivityContext context, ActivityTemplate activity, ActivityInvocation invocation,
            int temporalAttempt) {
        StepKey step = invocation.step();
        HandlerProvenance provenance = lease.provenance();
        int retries = records.step(invocation.workflowId(), StepWrite.status(step, invocation.parent(), StepStatus.RUNNING)
                .withHandler(provenance, temporalAttempt));
        int attempt = retries + 1;
        if (attempt > invocation.maxAttempts()) {
            String reason = step + " failed " + invocation.maxAttempts() + " times (its retry policy's maximum)";
            records.step(invocation.workflowId(), StepWrite.status(step, invocation.parent(), StepStatus.FAILED).withError(reason));
            throw ApplicationFailure.newNonRetryableFailure(reason, RETRIES_EXHAUSTED);
        }
        context.attempt(attempt);
        try {
            ActivityResult result = lease.handler().execute(context);
            if (result == null) {
                throw ActivityFailure.nonRetryable("InvalidResult", "handler " + provenance.handlerName() + " returned no result");
            }
            Map<String, Object> output = checkedOutput(result, provenance);
            StepOutcome outcome = finish(invocation, activity, result, output, provenance);
            context.log().info("{} {} by {} (attempt {})", step, outcome.status(), provenance.source(), attempt);
            return outcome;
        } catch (Exception e) {
            throw failed(invocation, e, attempt);
        }
    }

    private StepOutcome finish(ActivityInvocation invocation, ActivityTemplate activity, ActivityResult result,
            Map<String, Object> output, HandlerProvenance provenance) {
        StepKey step = invocation.step();
        if (activity.manual()) {
            Object role = output.getOrDefault("assigneeRole", activity.config().get("assigneeRole"));
            Instant due = Instant.now().plusSeconds(activity.timeoutSeconds());
            records.step(invocation.workflowId(), StepWrite.status(step, invocation.parent(), StepStatus.WAITING)
                    .withTask(role == null ? null : role.toString(), due).withOutput(output));
            return new StepOutcome(StepStatus.WAITING, output, result.message(), provenance.source());
        }
        StepStatus status = result.isSkipped() ? StepStatus.SKIPPED : StepStatus.COMPLETED;
        StepWrite write = StepWrite.status(step, invocation.parent(), status).withOutput(output);
        records.step(invocation.workflowId(), result.isSkipped() ? write.withError(result.message()) : write);
        return new StepOutcome(status, output, result.message(), provenance.source());
    }

    private StepOutcome compensate(HandlerLease lease, HostActivityContext context, ActivityInvocation invocation) throws RuntimeException {
        try {
            lease.handler().compensate(context, ActivityResult.completed(invocation.compensation()));
        } catch (Exception e) {
            String error = "compensation failed: " + e;
            records.step(invocation.workflowId(), StepWrite.status(invocation.step(), invocation.parent(), StepStatus.COMPLETED).withError(error));
            throw ApplicationFailure.newFailureWithCause(error, "CompensationFailed", e);
        }
        records.step(invocation.workflowId(), StepWrite.status(invocation.step(), invocation.parent(), StepStatus.COMPENSATED));
        context.log().info("{} compensated", invocation.step());
        return new StepOutcome(StepStatus.COMPENSATED, invocation.compensation(), null, lease.provenance().source());
    }

    private Map<String, Object> checkedOutput(ActivityResult result, HandlerProvenance provenance) {
        Map<String, Object> output;
        try {
            output = json.plainMap(result.output());
        } catch (IllegalArgumentException e) {
            throw ActivityFailure.nonRetryable("InvalidResult", "handler " + provenance.handlerName() + " returned an output that is not JSON: " + e.getMessage());
        }
        int size = json.write(output).length();
        if (size > MAX_OUTPUT_BYTES) {
            throw ActivityFailure.nonRetryable("OutputTooLarge", "handler " + provenance.handlerName() + " returned " + size
                    + " bytes of output; the limit is " + MAX_OUTPUT_BYTES + ": put large data in an artifact");
        }
        return output;
    }

    /** Maps a handler failure to a Temporal failure and records it; the last allowed attempt fails for good. */
    private RuntimeException failed(ActivityInvocation invocation, Exception e, int attempt) {
        String type;
        boolean retryable;
        if (e instanceof ActivityFailure failure) {
            type = failure.type();
            retryable = failure.isRetryable();
        } else {
            type = e.getClass().getSimpleName();
            retryable = true;
        }
        retryable = retryable && !invocation.nonRetryableErrors().contains(type) && attempt < invocation.maxAttempts();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String error = type + ": " + message;
        StepStatus status = retryable ? StepStatus.RUNNING : StepStatus.FAILED;
        records.step(invocation.workflowId(), StepWrite.status(invocation.step(), invocation.parent(), status).withError(error));
        if (!(e instanceof ActivityFailure)) {
            log.warn("Handler of {} in {} failed (attempt {} of {})", invocation.step(), invocation.workflowId(), attempt, invocation.maxAttempts(), e);
        }
        return retryable
                ? ApplicationFailure.newFailureWithCause(message, type, e)
                : ApplicationFailure.newNonRetryableFailureWithCause(message, type, e);
    }

    /**
     * No handler of that name is loaded. Retried quickly and without using up the template's attempts,
     * so the workflow goes on by itself once a plugin provides the handler.
     */
    private RuntimeException handlerMissing(ActivityInvocation invocation, String handlerName, int temporalAttempt) {
        String message = "no loaded plugin or built-in provides handler '" + handlerName + "'; waiting for it to be installed";
        records.step(invocation.workflowId(), StepWrite.status(invocation.step(), invocation.parent(), StepStatus.PENDING)
                .withError(HANDLER_NOT_FOUND + ": " + message));
        if (temporalAttempt == 1 || temporalAttempt % 50 == 0) {
            log.warn("{} of workflow {}: {}", invocation.step(), invocation.workflowId(), message);
        }
        long seconds = Math.min(MAX_HANDLER_WAIT_RETRY.toSeconds(), 1L << Math.min(temporalAttempt - 1, 10));
        return ApplicationFailure.newBuilder()
                .setMessage(message)
                .setType(HANDLER_NOT_FOUND)
                .setNextRetryDelay(Duration.ofSeconds(seconds))
                .build();
    }
}
