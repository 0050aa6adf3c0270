package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.cadre.platform.templates.ReworkRules;
import org.slf4j.Logger;

/**
 * Runs a run's steps one at a time: condition, dependencies, the handler or the person's task, and
 * every state change written to the run records. The run's workflow and the batches of a split fan-out
 * both run their steps through one. Workflow code.
 */
final class StepRunner {

    private final Template template;
    private final RunState state;
    private final Bookkeeping records;
    private final StepDispatcher dispatcher;
    private final TaskDeadlineWatch deadlines;
    private final RunExpressions expressions;
    private final String workflowId;
    private final Map<StepKey, RecordedStep> resumed;
    /** Steps that just ended by sending work back, for {@link #runSteps} to start the next round (instances run concurrently). */
    private final Map<StepKey, SendBack> sentBack = new LinkedHashMap<>();
    private final Logger log = Workflow.getLogger(StepRunner.class);

    /** The change id gating rework rounds: runs recorded before them never send work back. */
    static final String REWORK_CHANGE = "rework-rounds";

    /** @param from the activity code the work goes back to @param note why, for whoever redoes it */
    private record SendBack(String from, String note) {
    }

    /**
     * @param template     the run's template
     * @param state        the state the steps are kept in
     * @param records      the run-record writes
     * @param dispatcher   schedules handlers
     * @param deadlines    waits for people
     * @param expressions  conditions
     * @param workflowId   the run's workflow id (its records' key)
     * @param resumed      steps a resumed run recorded before, taken over as they are reached
     */
    StepRunner(Template template, RunState state, Bookkeeping records, StepDispatcher dispatcher, TaskDeadlineWatch deadlines,
            RunExpressions expressions, String workflowId, Map<StepKey, RecordedStep> resumed) {
        this.template = template;
        this.state = state;
        this.records = records;
        this.dispatcher = dispatcher;
        this.deadlines = deadlines;
        this.expressions = expressions;
        this.workflowId = workflowId;
        this.resumed = resumed;
    }

    /** Runs one fan-out instance: the phase's parallel activities in order, each after the one before. */
    void runInstance(PhaseTemplate phase, List<ActivityTemplate> activities, String instanceKey, Object instance, StepKey phaseStart) {
        runSteps(phase, activities, instance, instanceKey, phaseStart);
        if (state.count(StepStatus.WAITING) > 0) {
            // an ended instance must not wait for others to be recorded: a person's task may hold them for days
            records.flush(workflowId);
        }
        // otherwise the next step of any instance, or what follows the fan-out, carries its last write
    }

    /**
     * Runs steps in order, each after the one before, and returns the last one's key. A step that sends
     * work back (a person's REWORK, or a failed check with {@code config.onFailure}) starts a new round:
     * the steps from the one it names up to itself are reopened and run again, with the reason kept on
     * each for whoever redoes them.
     */
    StepKey runSteps(PhaseTemplate phase, List<ActivityTemplate> activities, Object instance, String instanceKey, StepKey previous) {
        StepKey[] parents = new StepKey[activities.size()];
        int i = 0;
        while (i < activities.size()) {
            parents[i] = previous;
            previous = runStep(phase, activities.get(i), instance, instanceKey, previous);
            SendBack back = sentBack.remove(previous);
            if (back == null) {
                i++;
                continue;
            }
            int from = indexOf(activities, back.from());
            if (Workflow.getVersion(REWORK_CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION || from < 0) {
                throw fail(previous, parents[i], previous + " sent work back to " + back.from() + ", which this run cannot rerun");
            }
            for (int k = from; k <= i; k++) {
                StepKey redo = new StepKey(activities.get(k).code(), instanceKey);
                int round = state.round(redo) + 1;
                state.reopen(redo, round);
                records.stepLater(StepWrite.status(redo, parents[k], StepStatus.PENDING)
                        .withRework(new StepWrite.Rework(round, previous.activityCode(), k == from, back.note())));
            }
            log.info("{} sends the work back to {} for round {}", previous, back.from(), state.round(new StepKey(back.from(), instanceKey)));
            previous = parents[from];
            i = from;
        }
        return previous;
    }

    private static int indexOf(List<ActivityTemplate> activities, String code) {
        for (int k = 0; k < activities.size(); k++) {
            if (activities.get(k).code().equals(code)) {
                return k;
            }
        }
        return -1;
    }

    /** Runs one step to its end and returns its key, the parent of the next step. */
    StepKey runStep(PhaseTemplate phase, ActivityTemplate activity, Object instance, String instanceKey, StepKey parent) {
        StepKey key = new StepKey(activity.code(), instanceKey);
        state.open(key, phase.name(), activity);
        RecordedStep recorded = resumed.remove(key);
        if (recorded != null && recorded.round() > 1) {
            state.resumeRound(key, recorded.round()); // a later round continues under its number, so the records keep counting
        }
        if (recorded != null && restore(recorded, activity, instance, parent)) {
            return key;
        }
        if (activity.condition() != null && !conditionHolds(activity, key, parent, instance, instanceKey)) {
            state.end(key, StepStatus.SKIPPED, null, null, null);
            records.stepLater(StepWrite.status(key, parent, StepStatus.SKIPPED)
                    .withOutput(Map.of("skipped", "condition is false: " + activity.condition())));
            return key;
        }
        checkDependencies(activity, key, parent, phase);
        if (activity.manual()) {
            runManual(activity, key, instance, parent, recorded);
        } else {
            runAutomated(activity, key, instance, parent);
        }
        return key;
    }

    private boolean conditionHolds(ActivityTemplate activity, StepKey key, StepKey parent, Object instance, String instanceKey) {
        try {
            return expressions.condition(activity, instance, instanceKey);
        } catch (RuntimeException e) {
            throw fail(key, parent, "condition of " + key + " (" + activity.condition() + ") failed: " + e.getMessage());
        }
    }

    private void checkDependencies(ActivityTemplate activity, StepKey key, StepKey parent, PhaseTemplate phase) {
        String problem = DependencyCheck.problem(template, state, activity, key, phase);
        if (problem != null) {
            throw fail(key, parent, problem);
        }
    }

    /**
     * Takes over a step that a resumed run had already ended (or a task still open).
     *
     * @return whether the step needs nothing more: it completed or was skipped
     */
    private boolean restore(RecordedStep recorded, ActivityTemplate activity, Object instance, StepKey parent) {
        StepKey key = recorded.key();
        if (recorded.outcome() == Outcome.REWORK) {
            return false; // sent back when the run stopped: its person decides again
        }
        if (recorded.status() == StepStatus.COMPLETED || recorded.status() == StepStatus.SKIPPED) {
            state.end(key, recorded.status(), recorded.output(), recorded.outcome(), recorded.error());
            if (recorded.status() == StepStatus.COMPLETED && !activity.manual()) {
                state.completedAutomated(new RunState.Compensable(key, activity, instance, parent, recorded.output()));
            }
            if (recorded.outcome() == Outcome.REJECTED && !Boolean.TRUE.equals(activity.config().get("continueOnReject"))) {
                throw new StepFailure(key + " was rejected by " + recorded.completedBy());
            }
            return true;
        }
        return false;
    }

    private void runAutomated(ActivityTemplate activity, StepKey key, Object instance, StepKey parent) {
        state.status(key, StepStatus.RUNNING);
        // applied by the step's own activity, with what ended just before it, before its handler runs
        records.stepLater(StepWrite.status(key, parent, StepStatus.RUNNING));
        StepOutcome outcome;
        try {
            outcome = dispatch(activity, key, instance, parent);
        } catch (StepFailure failure) {
            ReworkRules.Rule rule = ReworkRules.onFailure(activity).orElse(null);
            if (rule == null || state.round(key) >= rule.maxRounds()) {
                throw failure;
            }
            sentBack.put(key, new SendBack(rule.from(), "Returned by " + activity.code() + " (round " + state.round(key) + "): "
                    + failure.getMessage()));
            return;
        }
        StepWrite write = StepWrite.status(key, parent, outcome.status()).withOutput(outcome.output())
                .withHandler(outcome.handler(), outcome.sha256(), outcome.attempt());
        records.stepLater(outcome.status() == StepStatus.SKIPPED ? write.withError(outcome.message()) : write);
        state.end(key, outcome.status(), outcome.output(), null, null);
        if (outcome.status() == StepStatus.COMPLETED) {
            state.completedAutomated(new RunState.Compensable(key, activity, instance, parent, outcome.output()));
        }
    }

    private void runManual(ActivityTemplate activity, StepKey key, Object instance, StepKey parent, RecordedStep recorded) {
        Duration timeout = Duration.ofSeconds(activity.timeoutSeconds());
        long openedAt;
        String role = null;
        boolean reopened = recorded != null && recorded.status() == StepStatus.WAITING && recorded.dueAtMillis() > 0;
        if (reopened) {
            // the task stays open as recorded: same role, same due time
            openedAt = recorded.dueAtMillis() - timeout.toMillis();
            role = recorded.assigneeRole();
            state.status(key, StepStatus.WAITING);
        } else {
            state.status(key, StepStatus.RUNNING);
            StepOutcome opened = dispatch(activity, key, instance, parent);
            state.status(key, StepStatus.WAITING);
            openedAt = Workflow.currentTimeMillis();
            Object assignee = opened.output().getOrDefault("assigneeRole", activity.config().get("assigneeRole"));
            role = assignee == null ? null : assignee.toString();
            records.step(workflowId, StepWrite.status(key, parent, StepStatus.WAITING).withOutput(opened.output())
                    .withHandler(opened.handler(), opened.sha256(), opened.attempt())
                    .withTask(role, java.time.Instant.ofEpochMilli(openedAt).plus(timeout)));
        }
        boolean completed = deadlines.await(activity, key, openedAt, timeout, role, reopened);
        if (!completed) {
            String reason = key + " was not completed within " + timeout.toHours() + " h";
            if (Boolean.TRUE.equals(activity.config().get("continueOnTimeout"))) {
                state.end(key, StepStatus.SKIPPED, null, null, reason);
                records.step(workflowId, StepWrite.status(key, parent, StepStatus.SKIPPED).withError(reason));
                return;
            }
            throw fail(key, parent, reason);
        }
        Completion completion = state.completion(key).orElseThrow();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("outcome", completion.outcome().name());
        output.put("completedBy", completion.completedBy());
        output.put("comment", completion.comment());
        output.put("data", completion.data());
        if (completion.override()) {
            output.put("override", true); // an admin completed a task of a role they do not hold
        }
        records.step(workflowId, StepWrite.status(key, parent, StepStatus.COMPLETED).withCompletion(completion).withOutput(output));
        state.end(key, StepStatus.COMPLETED, output, completion.outcome(), null);
        if (completion.outcome() == Outcome.REWORK) {
            String from = ReworkRules.onReject(activity).map(ReworkRules.Rule::from).orElse(activity.code());
            sentBack.put(key, new SendBack(from, "Sent back by " + completion.completedBy() + " at " + activity.code()
                    + " (round " + state.round(key) + "): " + completion.comment()));
            return;
        }
        if (completion.outcome() == Outcome.REJECTED && !Boolean.TRUE.equals(activity.config().get("continueOnReject"))) {
            throw new StepFailure(key + " was rejected by " + completion.completedBy()
                    + (completion.comment() == null ? "" : ": " + completion.comment()));
        }
    }

    private StepOutcome dispatch(ActivityTemplate activity, StepKey key, Object instance, StepKey parent) {
        try {
            return dispatcher.execute(workflowId, activity, key, instance, parent);
        } catch (io.temporal.failure.ActivityFailure e) {
            if (CancellationScope.current().isCancelRequested()) {
                throw e;
            }
            String reason = key + " failed: " + StepFailures.describe(e);
            StepAttempt attempt = StepFailures.attemptOf(e);
            StepWrite write = StepWrite.status(key, parent, StepStatus.FAILED).withError(reason);
            if (attempt != null) {
                write = write.withHandler(attempt.handler(), attempt.sha256(), attempt.attempt());
            }
            state.end(key, StepStatus.FAILED, null, null, reason);
            records.step(workflowId, write);
            throw new StepFailure(reason);
        }
    }

    private StepFailure fail(StepKey key, StepKey parent, String reason) {
        state.end(key, StepStatus.FAILED, null, null, reason);
        records.step(workflowId, StepWrite.status(key, parent, StepStatus.FAILED).withError(reason));
        return new StepFailure(reason);
    }
}
