package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.Dependency;
import dev.cadre.platform.templates.DependencyType;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import java.util.List;

/**
 * Whether a step's dependencies are satisfied: {@code completion} = completed or skipped,
 * {@code approval} = completed with outcome APPROVED; on a parallel activity, every instance of it, or
 * the same instance when both sides belong to one fan-out. Workflow code: reads workflow state only.
 */
final class DependencyCheck {

    private DependencyCheck() {
    }

    /**
     * @param template the run's template
     * @param state    the run's state
     * @param activity the step's activity
     * @param key      the step
     * @param phase    the step's phase
     * @return why the step may not run, or {@code null} when every dependency is satisfied
     */
    static String problem(Template template, RunState state, ActivityTemplate activity, StepKey key, PhaseTemplate phase) {
        for (Dependency dependency : activity.dependsOn()) {
            boolean sameFanOut = VisibleOutputs.sameFanOut(phase, activity, dependency.activity());
            List<RunState.Step> upstream = sameFanOut
                    ? state.step(new StepKey(dependency.activity(), key.instanceKey())).map(List::of).orElse(List.of())
                    : state.stepsOf(dependency.activity());
            boolean dependsOnParallel = template.activity(dependency.activity()).map(ActivityTemplate::isParallel).orElse(false);
            if (upstream.isEmpty() && (sameFanOut || !dependsOnParallel)) {
                return key + " depends on " + dependency.activity() + ", which has not run";
            }
            for (RunState.Step step : upstream) {
                String unsatisfied = unsatisfied(step, dependency.type());
                if (unsatisfied != null) {
                    return key + " depends on " + step.key + " (" + dependency.type().value() + "), which " + unsatisfied;
                }
            }
        }
        return null;
    }

    /**
     * The rule itself, for a step as the workflow or the run records know it: {@code completion} =
     * completed or skipped, {@code approval} = completed with outcome APPROVED.
     *
     * @return whether a step that ended so satisfies a dependency of that type
     */
    static boolean satisfies(StepStatus status, Outcome outcome, DependencyType type) {
        return type == DependencyType.APPROVAL
                ? status == StepStatus.COMPLETED && outcome == Outcome.APPROVED
                : status == StepStatus.COMPLETED || status == StepStatus.SKIPPED;
    }

    private static String unsatisfied(RunState.Step step, DependencyType type) {
        if (satisfies(step.status, step.outcome, type)) {
            return null;
        }
        if (type == DependencyType.APPROVAL) {
            return step.outcome != null ? "ended with outcome " + step.outcome : "ended " + step.status + " without approval";
        }
        return "ended " + step.status;
    }
}
