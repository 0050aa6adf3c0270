package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Sends a step to the task queue of its handler ({@link StepRoutes}) and, when no host takes it there
 * within {@link #FIRST_WAIT}, says on the step's record that it waits for a host with that handler, then
 * keeps it queued ({@link #LATER_WAIT} per round) until one does. A wait for a host is not an attempt: a
 * ScheduleToStart timeout is never retried by Temporal and the step is scheduled again as it was.
 * Workflow code: the routing choice is versioned, so runs started before it replay unchanged.
 */
final class StepRouting {

    /** Marks runs whose steps go to their handler's queue. */
    static final String CHANGE = "steps-to-handler-queues";
    /** Marks runs whose pinned steps go to the queue of their pinned release ({@code <queue>@<Handler>@<version>}). */
    static final String PINNED_CHANGE = "steps-to-pinned-releases";
    /** Marks runs whose routed steps, taken by a host that no longer has their handler, go back to its queue. */
    static final String REROUTE_CHANGE = "handler-not-found-reroutes";
    /** Marks runs that ask, before noting a wait for a host, whether a live host has the handler (then the hosts are only busy). */
    static final String BACKLOG_CHANGE = "backlog-is-not-a-missing-host";
    /** How long a step may stay untaken before its record says it is waiting for a host. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(10);
    /** How long a step waits again when a live host has its handler but has not taken it yet (busy, not missing). */
    static final Duration BUSY_WAIT = Duration.ofSeconds(60);
    /** How long each later round of waiting lasts (the task stays in the queue: a host that comes takes it at once). */
    static final Duration LATER_WAIT = Duration.ofMinutes(5);

    private final Logger log = Workflow.getLogger(StepRouting.class);
    private final StepRoutes routes;
    private Boolean routed;
    private Boolean pinned;
    private Boolean reroutes;
    private Boolean checksBacklog;

    StepRouting(StepRoutes routes) {
        this.routes = routes;
    }

    /** @return the options with the handler's queue and a first wait, when the handler has a queue of its own */
    ActivityOptions route(ActivityTemplate activity, ActivityOptions options) {
        String queue = routes.queueFor(activity.handler());
        if (queue == null || !routed()) {
            return options;
        }
        if (activity.handlerRelease() != null && pinned()) {
            queue = routes.queueFor(activity.handler(), activity.handlerRelease());
        }
        return ActivityOptions.newBuilder(options).setTaskQueue(queue).setScheduleToStartTimeout(FIRST_WAIT).build();
    }

    /**
     * Whether a step that failed {@code HandlerNotFound} goes back to its handler's queue rather than waiting on
     * the main queue for the handler: a host takes a routed step only while it polls that queue, so such a
     * failure means the host was just letting the handler go (its last poll brought the step). Asked only then,
     * so histories recorded before it replay without the marker.
     */
    boolean reroutes(ActivityTemplate activity) {
        if (routes.queueFor(activity.handler()) == null || !routed()) {
            return false;
        }
        if (reroutes == null) {
            reroutes = Workflow.getVersion(REROUTE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        }
        return reroutes;
    }

    /** @return whether the activity ended because no host took it from its handler's queue */
    boolean waitedForHost(ActivityFailure failure) {
        return failure.getCause() instanceof TimeoutFailure timeout
                && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START;
    }

    /**
     * A step no host took in time: when a live host has its handler the hosts are only busy, and it waits
     * again ({@link #BUSY_WAIT}, asking again after each); otherwise the wait is noted on the step's record
     * (once) and it waits {@link #LATER_WAIT} per round.
     *
     * @return the options for the next round
     */
    ActivityOptions waiting(String workflowId, ActivityTemplate activity, StepKey key, StepKey parent, ActivityOptions options,
                            Bookkeeping bookkeeping) {
        Duration waited = options.getScheduleToStartTimeout();
        if (LATER_WAIT.equals(waited)) {
            return options; // noted already
        }
        if (activity.handlerRelease() == null && (BUSY_WAIT.equals(waited) || checksBacklog()) && served(activity.handler())) {
            // e.g. a wide fan-out's first steps queued behind each other: nothing for a person to act on; asked again each round
            log.debug("{}: not taken within {} s, but a live host has {}: queued again", key, waited.toSeconds(), activity.handler());
            return ActivityOptions.newBuilder(options).setScheduleToStartTimeout(BUSY_WAIT).build();
        }
        String note = waitingNote(activity);
        log.info("{}: {}", key, note);
        bookkeeping.step(workflowId, StepWrite.status(key, parent, StepStatus.PENDING).withError(note));
        return ActivityOptions.newBuilder(options).setScheduleToStartTimeout(LATER_WAIT).build();
    }

    /** Asked only when a step was not taken in time, so histories recorded before the check replay without its marker. */
    private boolean checksBacklog() {
        if (checksBacklog == null) {
            checksBacklog = Workflow.getVersion(BACKLOG_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        }
        return checksBacklog;
    }

    /** @return whether a live host has the handler; when that cannot be told, false: the note is the safe side */
    private static boolean served(String handler) {
        try {
            return Workflow.newLocalActivityStub(HandlerAvailability.class, SERVED_CHECK).served(handler);
        } catch (ActivityFailure e) {
            return false;
        }
    }

    private static final LocalActivityOptions SERVED_CHECK = LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(io.temporal.common.RetryOptions.newBuilder().setMaximumAttempts(3).build())
            .build();

    /** How the record's note starts while no host has the step's handler; the handler's name follows. */
    static final String WAITING_FOR_HOST = "waiting for a host with ";

    /** @return what the record says while no host has the handler (in the release the step is pinned to) */
    static String waitingNote(ActivityTemplate activity) {
        return WAITING_FOR_HOST + activity.handler() + (activity.handlerRelease() == null ? "" : "@" + activity.handlerRelease());
    }

    /** Asked only for a pinned step, so histories recorded before pins existed replay without the marker. */
    private boolean pinned() {
        if (pinned == null) {
            pinned = Workflow.getVersion(PINNED_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        }
        return pinned;
    }

    private boolean routed() {
        if (routed == null) {
            routed = Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        }
        return routed;
    }
}
