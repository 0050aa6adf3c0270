package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.TaskDeadline;
import dev.cadre.platform.templates.TaskDeadlines;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Waits for a person to complete a task, firing its deadline steps ({@code config.sla}) as durable
 * timers on the way: each one that fires is recorded as a task event (reassign moves the task to a role,
 * escalate adds one, complete completes it by {@code deadline}) and announced without waiting for the
 * announcement. Workflow code.
 */
final class TaskDeadlineWatch {

    /** Who completes a task whose deadline step says complete. */
    static final String DEADLINE = "deadline";

    private static final ActivityOptions ANNOUNCE = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(2))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .setMaximumAttempts(5)
                    .build())
            .build();

    private final Logger log = Workflow.getLogger(TaskDeadlineWatch.class);
    private final RunState state;
    private final Bookkeeping records;
    private final String workflowId;
    private final String businessKey;
    private final Timers timers = new Timers();
    private final TaskNotifications notifications = Workflow.newActivityStub(TaskNotifications.class, ANNOUNCE);

    TaskDeadlineWatch(RunState state, Bookkeeping records, String workflowId, String businessKey) {
        this.state = state;
        this.records = records;
        this.workflowId = workflowId;
        this.businessKey = businessKey;
    }

    /**
     * @param activity the manual activity
     * @param key      its task
     * @param openedAt when the task opened (epoch millis)
     * @param timeout  the task's timeout
     * @param role     the role it is assigned to
     * @param reopened whether the run was continued from its records with this task already open: deadline
     *                 steps whose time has passed then fired before, and their effect is in the records
     * @return whether the task was completed (by a person or a complete step) before its timeout
     */
    boolean await(ActivityTemplate activity, StepKey key, long openedAt, Duration timeout, String role, boolean reopened) {
        long dueAt = openedAt + timeout.toMillis();
        List<TaskDeadline> steps = TaskDeadlines.of(activity);
        String current = role;
        for (TaskDeadline step : steps) {
            long wait = openedAt + step.after().toMillis() - Workflow.currentTimeMillis();
            if (wait > 0) {
                if (timers.await(Duration.ofMillis(wait), () -> state.completion(key).isPresent())) {
                    return true;
                }
            } else if (reopened && step.action() != TaskDeadline.Action.COMPLETE) {
                continue;
            }
            current = fire(step, key, current, dueAt);
            if (step.action() == TaskDeadline.Action.COMPLETE) {
                return true;
            }
        }
        return timers.await(Duration.ofMillis(Math.max(0, dueAt - Workflow.currentTimeMillis())), () -> state.completion(key).isPresent());
    }

    /** @return the task's role after the step */
    private String fire(TaskDeadline step, StepKey key, String role, long dueAt) {
        String concerned = step.role() != null ? step.role() : role;
        String note = switch (step.action()) {
            case REMIND -> "reminded " + role + " after " + step.after();
            case REASSIGN -> "moved from " + role + " to " + step.role() + " after " + step.after();
            case ESCALATE -> "escalated to " + step.role() + " after " + step.after();
            case COMPLETE -> "completed " + step.outcome() + " by its deadline step after " + step.after();
        };
        log.info("Task {} of {}: {}", key, workflowId, note);
        records.taskEvent(workflowId, new TaskEvent(key, step.action().value(), concerned, dueAt, note));
        TaskNotice notice = new TaskNotice(step.action().value(), workflowId, businessKey, key.activityCode(), key.instanceKey(), concerned,
                Instant.ofEpochMilli(dueAt).toString());
        Async.procedure(notifications::announce, notice).exceptionally(e -> {
            log.warn("Announcing {} of {} failed for good: {}", step.action().value(), key, e.getMessage());
            return null;
        });
        if (step.action() == TaskDeadline.Action.COMPLETE) {
            state.complete(new Completion(key.activityCode(), key.instanceKey(), Outcome.valueOf(step.outcome()), DEADLINE, note, Map.of()));
        }
        return step.action() == TaskDeadline.Action.REASSIGN ? step.role() : role;
    }
}
