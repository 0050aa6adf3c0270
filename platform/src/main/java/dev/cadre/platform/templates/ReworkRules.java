package dev.cadre.platform.templates;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks where work goes back to for another round: a review's or approval's
 * {@code config.onReject: {"reworkFrom": CODE, "maxRounds": N}} (a person answers REWORK) and an automated
 * step's {@code config.onFailure: {"returnTo": CODE, "maxRounds": N}} (its handler's failure hands the
 * work back instead of failing the run). The step named comes earlier in the same phase, and in the same
 * part of it: both run once, or both in each fan-out instance (a round reruns that instance's steps only).
 * One home for the rule: the validator reports every problem with its path, the workflow reads a
 * validated rule.
 */
public final class ReworkRules {

    /** The key of a person's send-back rule. */
    public static final String ON_REJECT = "onReject";
    /** The key of a failed check's hand-back rule. */
    public static final String ON_FAILURE = "onFailure";
    /** Rounds a rule allows when it names no maxRounds (round 1 and two more). */
    public static final int DEFAULT_MAX_ROUNDS = 3;
    private static final int MAX_ROUNDS = 20;

    /**
     * Where a step sends work back to.
     *
     * @param from      the first step that runs again (its activity code)
     * @param maxRounds the most rounds the step may run, round 1 included
     */
    public record Rule(String from, int maxRounds) {
    }

    private ReworkRules() {
    }

    /** @param activity a validated activity @return its send-back rule, if a person may answer REWORK */
    public static Optional<Rule> onReject(ActivityTemplate activity) {
        return rule(activity.config().get(ON_REJECT), "reworkFrom");
    }

    /** @param activity a validated activity @return its hand-back rule, if its failure returns work to a person */
    public static Optional<Rule> onFailure(ActivityTemplate activity) {
        return rule(activity.config().get(ON_FAILURE), "returnTo");
    }

    private static Optional<Rule> rule(Object raw, String fromKey) {
        if (!(raw instanceof Map<?, ?> map) || !(map.get(fromKey) instanceof String from)) {
            return Optional.empty();
        }
        int max = map.get("maxRounds") instanceof Number n ? n.intValue() : DEFAULT_MAX_ROUNDS;
        return Optional.of(new Rule(from, max));
    }

    /** Reports every problem of the template's rework rules under each activity's {@code config} path. */
    static void check(Template template, ProblemCollector problems) {
        for (int i = 0; i < template.phases().size(); i++) {
            PhaseTemplate phase = template.phases().get(i);
            List<ActivityTemplate> activities = phase.activities();
            boolean sound = soundShape(phase);
            for (int k = 0; k < activities.size(); k++) {
                ActivityTemplate activity = activities.get(k);
                String path = "phases[" + i + "].activities[" + k + "].config.";
                Object onReject = activity.config().get(ON_REJECT);
                if (onReject != null) {
                    if (!activity.manual() || activity.type() == ActivityType.TASK) {
                        problems.error(path + ON_REJECT, "only a review or an approval can send work back; " + activity.code() + " is "
                                + (activity.manual() ? "a task" : "automated"));
                    }
                    check(problems, path + ON_REJECT, onReject, "reworkFrom", activities, k, false, sound);
                }
                Object onFailure = activity.config().get(ON_FAILURE);
                if (onFailure != null) {
                    if (activity.manual()) {
                        problems.error(path + ON_FAILURE, "only an automated step's failure hands work back; a manual step has onReject");
                    }
                    check(problems, path + ON_FAILURE, onFailure, "returnTo", activities, k, true, sound);
                }
            }
        }
    }

    /** @return whether the phase's activities are laid out as the validator wants (else that is the problem it reports) */
    private static boolean soundShape(PhaseTemplate phase) {
        List<ActivityTemplate> activities = phase.activities();
        if (!phase.isParallel()) {
            return activities.stream().noneMatch(ActivityTemplate::isParallel);
        }
        int changes = 0;
        for (int k = 1; k < activities.size(); k++) {
            changes += activities.get(k).isParallel() != activities.get(k - 1).isParallel() ? 1 : 0;
        }
        return changes <= 2;
    }

    private static void check(ProblemCollector problems, String path, Object raw, String fromKey, List<ActivityTemplate> activities, int at,
            boolean toPerson, boolean sound) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.error(path, "must be an object {\"" + fromKey + "\": CODE, \"maxRounds\"?: N}");
            return;
        }
        for (Object key : map.keySet()) {
            if (!fromKey.equals(key) && !"maxRounds".equals(key)) {
                problems.error(path + "." + key, "is not known; use " + fromKey + " and maxRounds");
            }
        }
        Object max = map.get("maxRounds");
        if (max != null && (!(max instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 2
                || n.intValue() > MAX_ROUNDS)) {
            problems.error(path + ".maxRounds", "must be a whole number from 2 to " + MAX_ROUNDS + " (round 1 counts), got " + max);
        }
        if (!(map.get(fromKey) instanceof String from) || from.isBlank()) {
            problems.error(path + "." + fromKey, "is required: the code of the step the work goes back to");
            return;
        }
        ActivityTemplate self = activities.get(at);
        int target = -1;
        for (int j = 0; j < activities.size(); j++) {
            if (activities.get(j).code() != null && activities.get(j).code().equals(from)) {
                target = j;
            }
        }
        if (target < 0) {
            problems.error(path + "." + fromKey, "names '" + from + "', which is not an activity of this phase");
        } else if (target >= at) {
            problems.error(path + "." + fromKey, "names '" + from + "', which does not come before " + self.code() + " in its phase");
        } else if (sound && activities.get(target).isParallel() != self.isParallel()) {
            problems.error(path + "." + fromKey, "names '" + from + "', which " + (self.isParallel()
                    ? "runs once, outside the fan-out instance " + self.code() + " belongs to"
                    : "runs per fan-out instance, while " + self.code() + " runs once"));
        } else if (toPerson && !activities.get(target).manual()) {
            problems.error(path + "." + fromKey, "names '" + from + "', which is automated; work is handed back to a person's task");
        }
    }
}
