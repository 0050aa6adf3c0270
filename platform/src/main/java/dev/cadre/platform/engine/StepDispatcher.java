package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.RetryPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Schedules a step as a Temporal activity whose type is the step's handler name, with the template's
 * timeout and retry policy, which Temporal enforces. What is not the handler's fault does not use up
 * its attempts: a missing handler is waited for, an unreachable database is waited out, and an
 * attempt lost with its host (heartbeat timeout) is run again. Workflow code.
 */
final class StepDispatcher {

    /** A manual step's activity only opens the task; the person's time is waited for in the workflow. */
    private static final Duration MANUAL_BOOKKEEPING_TIMEOUT = Duration.ofMinutes(1);
    /** Opening a manual task is bookkeeping, retried even when the task itself is never retried. */
    private static final int MANUAL_BOOKKEEPING_ATTEMPTS = 5;
    /** How often a step is run again after losing its host before the loss counts as its failure. */
    private static final int MAX_WORKER_LOSSES = 5;
    private static final Duration MAX_DATABASE_WAIT = Duration.ofSeconds(30);
    /** The longest pause before a step taken by a host that had just let its handler go is queued again. */
    private static final Duration MAX_REROUTE_PAUSE = Duration.ofSeconds(5);

    private static final ActivityOptions AWAIT_HANDLER = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofSeconds(10))
                    .build())
            .build();

    private final Logger log = Workflow.getLogger(StepDispatcher.class);
    private final Bookkeeping bookkeeping;
    private final StepRouting routing;
    private final CancelRequests cancelRequests = new CancelRequests();
    private final Timers timers = new Timers();

    /** @param bookkeeping the run's record writes, whose deferred changes ride with each handler activity */
    StepDispatcher(Bookkeeping bookkeeping) {
        this(bookkeeping, StepRoutes.MAIN);
    }

    /** As above, with each handler's steps sent to the queue {@code routes} names. */
    StepDispatcher(Bookkeeping bookkeeping, StepRoutes routes) {
        this.bookkeeping = bookkeeping;
        this.routing = new StepRouting(routes);
    }

    /** Runs a step's handler until it ends, waiting out what is not the handler's fault. */
    StepOutcome execute(String workflowId, ActivityTemplate activity, StepKey key, Object instance, StepKey parent) {
        return run(workflowId, activity, key, instance, parent, null);
    }

    /** Undoes a completed step, trying {@link StepFailures#COMPENSATION_ATTEMPTS} times; a missing handler is not waited for. */
    StepOutcome compensate(String workflowId, ActivityTemplate activity, StepKey key, Object instance, StepKey parent,
            Map<String, Object> output) {
        return run(workflowId, activity, key, instance, parent, output);
    }

    private StepOutcome run(String workflowId, ActivityTemplate activity, StepKey key, Object instance, StepKey parent,
            Map<String, Object> compensation) {
        RetryPolicy policy = activity.retryPolicy();
        ActivityOptions options = cancelRequests.apply(
                routing.route(activity, compensation != null ? compensationOptions(activity) : options(activity)));
        int workerLosses = 0;
        Duration databaseWait = Duration.ofSeconds(1);
        Duration reroutePause = Duration.ofSeconds(1);
        while (true) {
            StepChanges carried = compensation == null ? bookkeeping.take(workflowId) : StepChanges.NONE;
            ActivityInvocation invocation = new ActivityInvocation(workflowId, key, instance, parent, attempts(activity),
                    policy.nonRetryableErrors(), compensation, carried);
            try {
                return Workflow.newUntypedActivityStub(options).execute(activity.handler(), StepOutcome.class, invocation);
            } catch (ActivityFailure e) {
                // the attempt may have ended before applying them: write them again (idempotent) with what follows
                bookkeeping.putBack(carried);
                if (CancellationScope.current().isCancelRequested()) {
                    throw e;
                }
                String type = StepFailures.typeOf(e);
                if (routing.waitedForHost(e)) {
                    options = routing.waiting(workflowId, activity, key, parent, options, bookkeeping);
                } else if (StepFailures.HANDLER_NOT_FOUND.equals(type) && compensation == null && routing.reroutes(activity)) {
                    // back to the handler's queue, where only hosts that have it poll; the routing notes the wait
                    log.info("{} was taken by a host letting its handler go; queued again in {} s", key, reroutePause.toSeconds());
                    Workflow.sleep(reroutePause);
                    reroutePause = reroutePause.multipliedBy(2).compareTo(MAX_REROUTE_PAUSE) > 0 ? MAX_REROUTE_PAUSE : reroutePause.multipliedBy(2);
                    options = routing.route(activity, options);
                } else if (StepFailures.HANDLER_NOT_FOUND.equals(type) && compensation == null) {
                    bookkeeping.step(workflowId, StepWrite.status(key, parent, StepStatus.PENDING).withError(type + ": " + StepFailures.describe(e)));
                    Workflow.newActivityStub(HandlerAvailability.class, AWAIT_HANDLER).awaitHandler(activity.handler());
                    log.info("Handler {} is installed; {} runs", activity.handler(), key);
                } else if (StepFailures.DATABASE_UNAVAILABLE.equals(type)) {
                    log.warn("{} could not reach the database; running it again in {} s", key, databaseWait.toSeconds());
                    timers.sleep(databaseWait);
                    databaseWait = databaseWait.multipliedBy(2).compareTo(MAX_DATABASE_WAIT) > 0 ? MAX_DATABASE_WAIT : databaseWait.multipliedBy(2);
                } else if (lostWithItsHost(e) && ++workerLosses <= MAX_WORKER_LOSSES) {
                    log.warn("{} lost its host (no heartbeat for {} s); running it again", key, Heartbeats.TIMEOUT.toSeconds());
                } else {
                    throw e;
                }
            }
        }
    }

    private static boolean lostWithItsHost(ActivityFailure e) {
        return e.getCause() instanceof TimeoutFailure timeout && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT;
    }

    /** @return how many handler executions the step's retry policy allows (opening a task: at least a few) */
    private static int attempts(ActivityTemplate activity) {
        int policy = activity.retryPolicy().maximumAttempts();
        return activity.manual() ? Math.max(policy, MANUAL_BOOKKEEPING_ATTEMPTS) : policy;
    }

    /**
     * Options of an automated step's execution (a manual step's: opening its task): the template's
     * timeout and retry policy, enforced by Temporal. Failures that are not the handler's end the
     * activity at once, so the workflow waits them out without using up attempts.
     */
    private static ActivityOptions options(ActivityTemplate activity) {
        RetryPolicy policy = activity.retryPolicy();
        Duration timeout = activity.manual() ? MANUAL_BOOKKEEPING_TIMEOUT : Duration.ofSeconds(activity.timeoutSeconds());
        List<String> doNotRetry = new ArrayList<>(policy.nonRetryableErrors());
        doNotRetry.add(StepFailures.HANDLER_NOT_FOUND);
        doNotRetry.add(StepFailures.DATABASE_UNAVAILABLE);
        ActivityOptions.Builder options = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timeout)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(policy.initialIntervalSeconds()))
                        .setBackoffCoefficient(policy.backoffCoefficient())
                        .setMaximumInterval(Duration.ofSeconds(policy.maximumIntervalSeconds()))
                        .setMaximumAttempts(attempts(activity))
                        .setDoNotRetry(doNotRetry.toArray(String[]::new))
                        .build());
        if (timeout.compareTo(Heartbeats.TIMEOUT) > 0) {
            options.setHeartbeatTimeout(Heartbeats.TIMEOUT);
        }
        return options.build();
    }

    private static ActivityOptions compensationOptions(ActivityTemplate activity) {
        Duration timeout = Duration.ofSeconds(activity.timeoutSeconds());
        ActivityOptions.Builder options = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timeout)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofSeconds(10))
                        .setMaximumAttempts(StepFailures.COMPENSATION_ATTEMPTS)
                        .setDoNotRetry(StepFailures.HANDLER_NOT_FOUND, StepFailures.DATABASE_UNAVAILABLE)
                        .build());
        if (timeout.compareTo(Heartbeats.TIMEOUT) > 0) {
            options.setHeartbeatTimeout(Heartbeats.TIMEOUT);
        }
        return options.build();
    }
}
