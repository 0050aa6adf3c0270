package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.RetryPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * Schedules a step as a Temporal activity whose type is the step's handler name, with the template's
 * timeout and retry policy. Workflow-side code: builds options only from the template snapshot.
 */
final class StepDispatcher {

    /** A manual step's activity only opens the task; the person's time is waited for in the workflow. */
    private static final Duration MANUAL_BOOKKEEPING_TIMEOUT = Duration.ofMinutes(1);

    /** Opening a manual task is bookkeeping, retried even when the task itself is never retried. */
    private static final int MANUAL_BOOKKEEPING_ATTEMPTS = 5;

    StepOutcome execute(String workflowId, ActivityTemplate activity, StepKey key, Object instance, StepKey parent,
            Map<String, Object> compensation) {
        RetryPolicy policy = activity.retryPolicy();
        int attempts = activity.manual() ? Math.max(policy.maximumAttempts(), MANUAL_BOOKKEEPING_ATTEMPTS) : policy.maximumAttempts();
        ActivityInvocation invocation = new ActivityInvocation(workflowId, key, instance, parent, attempts,
                policy.nonRetryableErrors(), compensation);
        return Workflow.newUntypedActivityStub(options(activity))
                .execute(activity.handler(), StepOutcome.class, invocation);
    }

    /**
     * Server-side attempts are unlimited: a missing handler must not use up the template's attempts
     * (the workflow waits for the plugin), so {@link HandlerActivity} counts handler executions itself
     * and fails for good once the template's attempts are spent.
     */
    private static ActivityOptions options(ActivityTemplate activity) {
        RetryPolicy policy = activity.retryPolicy();
        Duration timeout = activity.manual() ? MANUAL_BOOKKEEPING_TIMEOUT : Duration.ofSeconds(activity.timeoutSeconds());
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timeout)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(policy.initialIntervalSeconds()))
                        .setBackoffCoefficient(policy.backoffCoefficient())
                        .setMaximumInterval(Duration.ofSeconds(policy.maximumIntervalSeconds()))
                        .setMaximumAttempts(0)
                        .setDoNotRetry(policy.nonRetryableErrors().toArray(String[]::new))
                        .build())
                .build();
    }

    /** @return the innermost meaningful message of an activity failure: type and message */
    static String describe(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            return application.getType() + ": " + application.getOriginalMessage();
        }
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType() + ")";
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }
}
