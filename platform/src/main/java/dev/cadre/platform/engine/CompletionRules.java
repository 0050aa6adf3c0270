package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.ReworkRules;
import dev.cadre.platform.templates.Template;
import java.util.Set;

/**
 * Which completions a running workflow accepts: a manual activity of its template, the right instance,
 * waiting for a person, with an outcome that fits its type and a named person. Runs in the update
 * validator (workflow code): reads workflow state only.
 */
final class CompletionRules {

    private CompletionRules() {
    }

    /**
     * @param template   the run's template, or {@code null} while the workflow starts
     * @param state      the run's state
     * @param completion the completion to check
     * @throws IllegalArgumentException or IllegalStateException with the reason when it is refused
     */
    static void check(Template template, RunState state, Completion completion) {
        ActivityTemplate activity = activityOf(template, completion, state);
        StepKey key = completion.step();
        RunState.Step step = state.step(key).orElseThrow(() -> new IllegalStateException(
                key + " is not waiting: it has not started" + (activity.isParallel() ? " (waiting instances: " + state.openInstances(activity.code()) + ")" : "")));
        if (!state.acceptsCompletion(key)) {
            throw new IllegalStateException(key + " is not waiting: it is " + step.status
                    + (state.completion(key).isPresent() ? " and was already completed" : ""));
        }
        checkOutcome(activity, completion);
        if (completion.outcome() == Outcome.REWORK) {
            int max = ReworkRules.onReject(activity).orElseThrow().maxRounds();
            int round = state.round(key);
            if (round >= max) {
                throw new IllegalStateException(key + " is in round " + round + " of at most " + max
                        + ": it cannot be sent back again; approve or reject it");
            }
        }
    }

    /**
     * Checks a completion of a task that waits in a batch of a split fan-out, which the run forwards:
     * everything but the task's state, which the run records showed WAITING before the call and the
     * batch checks again.
     */
    static void checkForwarded(Template template, Completion completion) {
        checkOutcome(activityOf(template, completion, null), completion);
    }

    /** @return the completion's activity, once it is known to be a manual one of the template, with the right instance */
    private static ActivityTemplate activityOf(Template template, Completion completion, RunState state) {
        if (completion == null || completion.activityCode() == null) {
            throw new IllegalArgumentException("a completion needs an activity code");
        }
        if (template == null) {
            throw new IllegalStateException("the workflow is still starting; try again");
        }
        ActivityTemplate activity = template.activity(completion.activityCode()).orElseThrow(() ->
                new IllegalArgumentException("template " + template.code() + " v" + template.version() + " has no activity " + completion.activityCode()));
        if (!activity.manual()) {
            throw new IllegalArgumentException(activity.code() + " is automated: only manual activities are completed by people");
        }
        if (activity.isParallel() && completion.instanceId().isEmpty()) {
            throw new IllegalArgumentException(activity.code() + " runs once per instance: give instanceId"
                    + (state == null ? "" : ", one of " + state.openInstances(activity.code())));
        }
        if (!activity.isParallel() && !completion.instanceId().isEmpty()) {
            throw new IllegalArgumentException(activity.code() + " is not a parallel activity: leave instanceId empty");
        }
        return activity;
    }

    private static void checkOutcome(ActivityTemplate activity, Completion completion) {
        Set<Outcome> allowed = allowedFor(activity);
        if (completion.outcome() == null || !allowed.contains(completion.outcome())) {
            throw new IllegalArgumentException("outcome " + completion.outcome() + " does not fit " + activity.type() + " activity "
                    + activity.code() + ": use " + String.join(" or ", allowed.stream().map(Enum::name).sorted().toList()));
        }
        if (completion.completedBy() == null || completion.completedBy().isBlank()) {
            throw new IllegalArgumentException("completedBy is required: who completed " + completion.step() + "?");
        }
        boolean sendsBack = ReworkRules.onReject(activity).isPresent();
        boolean needsReason = completion.outcome() == Outcome.REWORK || (completion.outcome() == Outcome.REJECTED && sendsBack);
        if (needsReason && (completion.comment() == null || completion.comment().isBlank())) {
            throw new IllegalArgumentException("comment is required: say why " + completion.step() + " is "
                    + (completion.outcome() == Outcome.REWORK ? "sent back for rework" : "rejected"));
        }
    }

    /**
     * @param activity a manual activity
     * @return the outcomes a person may give it: its type's, and REWORK where it declares {@code config.onReject}
     */
    static Set<Outcome> allowedFor(ActivityTemplate activity) {
        Set<Outcome> allowed = Outcome.allowedFor(activity.type());
        if (ReworkRules.onReject(activity).isEmpty()) {
            return allowed;
        }
        java.util.EnumSet<Outcome> withRework = java.util.EnumSet.of(Outcome.REWORK);
        withRework.addAll(allowed);
        return withRework;
    }
}
