package dev.cadre.platform.templates;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and checks a manual activity's deadline steps, {@code config.sla}: a list of
 * {@code {"after": ISO-8601 duration, "action": "remind"|"reassign"|"escalate"|"complete", "role"?, "outcome"?}}.
 * One home for the rule: the validator reports every problem with its path, the workflow reads a
 * validated list.
 */
public final class TaskDeadlines {

    /** The config key. */
    public static final String KEY = "sla";

    private TaskDeadlines() {
    }

    /**
     * @param activity a validated activity
     * @return its deadline steps, in order (empty when it has none)
     */
    public static List<TaskDeadline> of(ActivityTemplate activity) {
        List<TaskDeadline> deadlines = new ArrayList<>();
        read(activity, "", new ProblemCollector(), deadlines);
        return deadlines;
    }

    /** Reports every problem of an activity's deadline steps under {@code path + ".config.sla"}. */
    static void check(ProblemCollector problems, String path, ActivityTemplate activity) {
        read(activity, path + ".config." + KEY, problems, new ArrayList<>());
    }

    private static void read(ActivityTemplate activity, String path, ProblemCollector problems, List<TaskDeadline> into) {
        Object raw = activity.config().get(KEY);
        if (raw == null) {
            return;
        }
        if (!activity.manual()) {
            problems.error(path, "deadline steps are for manual activities only");
            return;
        }
        if (!(raw instanceof List<?> entries)) {
            problems.error(path, "must be a list of {after, action, role?, outcome?}");
            return;
        }
        Duration previous = Duration.ZERO;
        Duration timeout = Duration.ofSeconds(activity.timeoutSeconds());
        for (int i = 0; i < entries.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                problems.error(at, "must be an object {after, action, role?, outcome?}");
                continue;
            }
            Duration after = duration(problems, at + ".after", entry.get("after"));
            TaskDeadline.Action action = action(problems, at + ".action", entry.get("action"));
            String role = text(entry.get("role"));
            String outcome = text(entry.get("outcome"));
            if (after != null) {
                if (after.compareTo(previous) <= 0) {
                    problems.error(at + ".after", previous.isZero() ? "must be positive, got " + after
                            : "must come after the previous deadline step (" + previous + "), got " + after);
                } else if (after.compareTo(timeout) >= 0) {
                    problems.error(at + ".after", "must be before the step's timeout (" + timeout + "), got " + after);
                }
                previous = after.compareTo(previous) > 0 ? after : previous;
            }
            if (action == TaskDeadline.Action.REASSIGN || action == TaskDeadline.Action.ESCALATE) {
                if (role == null || role.isBlank()) {
                    problems.error(at + ".role", action.value() + " needs the role to " + (action == TaskDeadline.Action.REASSIGN ? "move the task to" : "add"));
                }
            } else if (role != null) {
                problems.error(at + ".role", action == null ? "role is only for reassign and escalate" : action.value() + " takes no role");
            }
            if (action == TaskDeadline.Action.COMPLETE) {
                List<String> allowed = activity.type() == null ? List.of() : activity.type().outcomes();
                if (outcome == null || !allowed.contains(outcome.toUpperCase(Locale.ROOT))) {
                    problems.error(at + ".outcome", "complete needs an outcome that fits a " + activity.type() + " step: one of " + allowed
                            + (outcome == null ? "" : ", got '" + outcome + "'"));
                }
            } else if (outcome != null) {
                problems.error(at + ".outcome", "only complete takes an outcome");
            }
            if (after != null && action != null) {
                into.add(new TaskDeadline(after, action, role == null ? null : role.strip(),
                        outcome == null ? null : outcome.toUpperCase(Locale.ROOT)));
            }
        }
    }

    private static Duration duration(ProblemCollector problems, String path, Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            problems.error(path, "is required: an ISO-8601 duration such as PT12H or P1D");
            return null;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.error(path, "is not an ISO-8601 duration (such as PT12H or P1D): '" + text + "'");
            return null;
        }
    }

    private static TaskDeadline.Action action(ProblemCollector problems, String path, Object value) {
        if (value instanceof String text) {
            for (TaskDeadline.Action action : TaskDeadline.Action.values()) {
                if (action.value().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return action;
                }
            }
        }
        problems.error(path, "must be one of remind, reassign, escalate, complete" + (value == null ? "" : ", got '" + value + "'"));
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
