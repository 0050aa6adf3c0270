package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow's memory of its run: every step reached, its status, output and outcome, the manual
 * tasks open for completion, and the completed automated steps to compensate. Lives in workflow code:
 * no I/O, no clocks, insertion-ordered collections only (deterministic on replay).
 */
final class RunState {

    /** One step as the workflow knows it. */
    static final class Step {
        final StepKey key;
        final String phase;
        final ActivityTemplate activity;
        StepStatus status = StepStatus.PENDING;
        Map<String, Object> output;
        Outcome outcome;
        String error;

        Step(StepKey key, String phase, ActivityTemplate activity) {
            this.key = key;
            this.phase = phase;
            this.activity = activity;
        }
    }

    /**
     * A completed automated step that compensation may have to undo.
     *
     * @param key      the step
     * @param activity its template
     * @param instance its fan-out element, or null
     * @param parent   its parent step
     * @param output   what it completed with
     */
    record Compensable(StepKey key, ActivityTemplate activity, Object instance, StepKey parent, Map<String, Object> output)
            implements Undo {
    }

    /**
     * One batch of a split fan-out, whose completed automated steps a child workflow undoes.
     *
     * @param childId the child workflow that ran it
     * @param batch   the batch as it was started
     */
    record SplitBatch(String childId, FanOutBatch batch) implements Undo {
    }

    /** What compensation undoes: one step, or a batch of a split fan-out. */
    sealed interface Undo permits Compensable, SplitBatch {
    }

    private final Map<StepKey, Step> steps = new LinkedHashMap<>();
    private final Map<StepKey, Completion> completions = new LinkedHashMap<>();
    private final List<Undo> compensable = new ArrayList<>();
    /** Steps in a round after their first (absent = round 1). */
    private final Map<StepKey, Integer> rounds = new LinkedHashMap<>();
    private String status = "RUNNING";
    private String currentPhase;
    private String error;

    Step open(StepKey key, String phase, ActivityTemplate activity) {
        return steps.computeIfAbsent(key, k -> new Step(k, phase, activity));
    }

    Optional<Step> step(StepKey key) {
        return Optional.ofNullable(steps.get(key));
    }

    /** @return every instance of a parallel activity (or the one step of a sequential one) reached so far */
    List<Step> stepsOf(String activityCode) {
        return steps.values().stream().filter(s -> s.key.activityCode().equals(activityCode)).toList();
    }

    void end(StepKey key, StepStatus status, Map<String, Object> output, Outcome outcome, String error) {
        Step step = steps.get(key);
        step.status = status;
        step.output = output;
        step.outcome = outcome;
        step.error = error;
    }

    void status(StepKey key, StepStatus status) {
        steps.get(key).status = status;
    }

    /** A manual step whose task is being opened or is open: completions are accepted for it. */
    boolean acceptsCompletion(StepKey key) {
        Step step = steps.get(key);
        return step != null && step.activity.manual() && !completions.containsKey(key)
                && (step.status == StepStatus.RUNNING || step.status == StepStatus.WAITING);
    }

    void complete(Completion completion) {
        completions.put(completion.step(), completion);
    }

    Optional<Completion> completion(StepKey key) {
        return Optional.ofNullable(completions.get(key));
    }

    void completedAutomated(Undo step) {
        if (step instanceof Compensable done) {
            // a step run again in a later round is undone once, with its latest output
            compensable.removeIf(u -> u instanceof Compensable c && c.key().equals(done.key()));
        }
        compensable.add(step);
    }

    /** @param key a step a resumed run takes over @param round the round its records hold */
    void resumeRound(StepKey key, int round) {
        rounds.put(key, round);
    }

    /** @param key a step @return the round it is in (1 until it is sent back) */
    int round(StepKey key) {
        return rounds.getOrDefault(key, 1);
    }

    /**
     * Starts a step over in a new round: its earlier completion is forgotten and it is PENDING again.
     *
     * @param key   the step
     * @param round its new round
     */
    void reopen(StepKey key, int round) {
        rounds.put(key, round);
        completions.remove(key);
        Step step = steps.get(key);
        if (step != null) {
            step.status = StepStatus.PENDING;
            step.output = null;
            step.outcome = null;
            step.error = null;
        }
    }

    /** @return every step reached so far, in the order reached */
    java.util.Collection<Step> steps() {
        return java.util.Collections.unmodifiableCollection(steps.values());
    }

    /**
     * Takes over a step that ran elsewhere (before a split fan-out's batch, or in one).
     *
     * @param summary  how it ended
     * @param phase    its phase
     * @param activity its activity
     */
    void adopt(StepSummary summary, String phase, ActivityTemplate activity) {
        Step step = open(summary.key(), phase, activity);
        step.status = summary.status();
        step.output = summary.output();
        step.outcome = summary.outcome();
        step.error = summary.error();
    }

    /** @return completed automated steps (or batches), most recent first */
    List<Undo> toCompensate() {
        List<Undo> reversed = new ArrayList<>(compensable);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** @return open instance keys of a manual activity, for error messages */
    List<String> openInstances(String activityCode) {
        return steps.values().stream()
                .filter(s -> s.key.activityCode().equals(activityCode) && acceptsCompletion(s.key))
                .map(s -> s.key.instanceKey()).toList();
    }

    /** @return the completed outputs as handlers and expressions see them ({@link VisibleOutputs}) */
    Map<String, Object> outputs() {
        VisibleOutputs outputs = new VisibleOutputs();
        for (Step step : steps.values()) {
            if (step.status == StepStatus.COMPLETED && step.output != null) {
                outputs.add(step.key.activityCode(), step.key.instanceKey(), step.activity.isParallel(), step.output);
            }
        }
        return outputs.asMap();
    }

    void enterPhase(String phase) {
        currentPhase = phase;
    }

    void finish(String finalStatus, String finalError) {
        status = finalStatus;
        error = finalError;
        if (!"FAILED".equals(finalStatus)) {
            currentPhase = null;
        }
    }

    long count(StepStatus wanted) {
        return steps.values().stream().filter(s -> s.status == wanted).count();
    }

    Progress progress(String template, int version) {
        List<Progress.Step> views = steps.values().stream().limit(Progress.MAX_STEPS)
                .map(s -> new Progress.Step(s.key.activityCode(), s.key.instanceKey(), s.phase, s.status, s.outcome, s.error))
                .toList();
        return new Progress(template, version, status, currentPhase, error, views);
    }
}
