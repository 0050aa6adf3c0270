package dev.cadre.platform.console;

import dev.cadre.platform.runs.TaskView;
import dev.cadre.platform.users.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The inbox as a work queue: the caller's waiting tasks narrowed by template, phase, role, due (overdue,
 * today, this week) and whose (mine: assigned to or claimed by me; queue: my roles' open tasks), with the
 * count each choice would show. Filters are plain links, so the page works without scripts.
 */
final class Inbox {

    /** The filters, in the order the page shows them; each is a query parameter. */
    static final List<String> FILTERS = List.of("show", "template", "phase", "role", "due");
    static final List<String> DUE = List.of("overdue", "today", "week");
    static final List<String> SHOW = List.of("mine", "queue");

    /** One choice of a filter: a link with the count of tasks it would show. */
    record Choice(String label, String href, long count, boolean current) {
    }

    /** A filter's choices, "All" first. */
    record Filter(String name, String label, List<Choice> choices) {
    }

    /** A row of the inbox. */
    record Row(String href, String name, String code, String type, String phase, String instance, String businessKey, String workflowId,
               String template, String role, String due, String dueIn, boolean overdue, String claimedBy, boolean claimedByMe,
               boolean claimable, String claimAction, String unclaimAction, String assignedTo) {
    }

    private final Principal me;
    private final Instant now;
    private final Map<String, String> selected = new LinkedHashMap<>();

    /**
     * @param me    who looks
     * @param now   the time the page is drawn
     * @param query the page's query parameters (unknown values select nothing)
     */
    Inbox(Principal me, Instant now, Function<String, java.util.Optional<String>> query) {
        this.me = me;
        this.now = now;
        for (String name : FILTERS) {
            query.apply(name).ifPresent(value -> selected.put(name, value));
        }
    }

    /** @return the tasks every selected filter keeps */
    List<TaskView> filter(List<TaskView> tasks) {
        return tasks.stream().filter(t -> selected.entrySet().stream().allMatch(e -> matches(t, e.getKey(), e.getValue()))).toList();
    }

    /** @return each filter's choices with counts, each count under the other filters selected */
    List<Filter> filters(List<TaskView> tasks) {
        List<Filter> filters = new ArrayList<>();
        for (String name : FILTERS) {
            List<TaskView> others = tasks.stream().filter(t -> selected.entrySet().stream()
                    .filter(e -> !e.getKey().equals(name)).allMatch(e -> matches(t, e.getKey(), e.getValue()))).toList();
            List<String> values = switch (name) {
                case "due" -> DUE;
                case "show" -> SHOW;
                default -> new ArrayList<>(new TreeMap<>(others.stream().map(t -> value(t, name)).filter(Objects::nonNull)
                        .collect(java.util.stream.Collectors.toMap(v -> v, v -> v, (a, b) -> a))).keySet());
            };
            List<Choice> choices = new ArrayList<>();
            choices.add(new Choice("All", href(name, null), others.size(), !selected.containsKey(name)));
            for (String value : values) {
                choices.add(new Choice(label(name, value), href(name, value), others.stream().filter(t -> matches(t, name, value)).count(),
                        value.equals(selected.get(name))));
            }
            filters.add(new Filter(name, switch (name) {
                case "show" -> "Whose";
                case "due" -> "Due";
                default -> name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            }, choices));
        }
        return filters;
    }

    /** @return the inbox row of a task */
    Row row(TaskView t) {
        // the task rule decides; this only spares a button that would be refused
        boolean ofMyRoles = me.hasRole(t.assigneeRole()) || (t.escalatedTo() != null
                && java.util.Arrays.stream(t.escalatedTo().split(",")).anyMatch(me::hasRole));
        boolean claimable = t.claimedBy() == null && ofMyRoles && (t.assignedTo() == null || t.assignedTo().equals(me.username()));
        String task = Links.task(t.workflowId(), t.activityCode(), t.instanceId());
        return new Row(task, t.activityName(), t.activityCode(), t.activityType(), t.phase(), t.instanceId(), t.businessKey(), t.workflowId(),
                t.template(), t.assigneeRole(), Formats.time(t.dueAt()), relative(t.dueAt(), now), t.overdue(now), t.claimedBy(),
                me.username().equals(t.claimedBy()), claimable, claimAction(t, "claim"),
                claimAction(t, "unclaim"), t.assignedTo());
    }

    /** @return the console's claim or unclaim post of a task, back to this inbox afterwards */
    static String claimAction(TaskView t, String action) {
        return Links.claim(t.workflowId(), t.activityCode(), t.instanceId(), action);
    }

    /** @return "due in 3 h", "2 days overdue", "due now", or an empty string without a due time */
    static String relative(Instant due, Instant now) {
        if (due == null) {
            return "";
        }
        Duration left = Duration.between(now, due);
        boolean late = left.isNegative();
        Duration d = left.abs();
        String amount;
        if (d.toMinutes() < 1) {
            return late ? "just overdue" : "due now";
        } else if (d.toHours() < 1) {
            amount = d.toMinutes() + " min";
        } else if (d.toDays() < 1) {
            amount = d.toHours() + " h";
        } else {
            amount = d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        return late ? amount + " overdue" : "due in " + amount;
    }

    /** @return whether a choice is selected, for the page's "clear filters" link */
    boolean filtered() {
        return !selected.isEmpty();
    }

    private boolean matches(TaskView t, String name, String value) {
        return switch (name) {
            case "due" -> due(t, value);
            case "show" -> "mine".equals(value) ? mine(t) : "queue".equals(value) && !mine(t);
            default -> value.equals(value(t, name));
        };
    }

    private boolean mine(TaskView t) {
        return me.username().equals(t.assignedTo()) || me.username().equals(t.claimedBy());
    }

    private boolean due(TaskView t, String value) {
        if (t.dueAt() == null) {
            return false;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate day = LocalDate.ofInstant(t.dueAt(), ZoneOffset.UTC);
        return switch (value) {
            case "overdue" -> t.overdue(now);
            case "today" -> !t.overdue(now) && day.equals(today);
            case "week" -> !t.overdue(now) && !day.isAfter(today.plusDays(7));
            default -> false;
        };
    }

    private static String value(TaskView t, String name) {
        return switch (name) {
            case "template" -> t.template();
            case "phase" -> t.phase();
            case "role" -> t.assigneeRole();
            default -> null;
        };
    }

    private static String label(String name, String value) {
        return switch (value) {
            case "overdue" -> "due".equals(name) ? "Overdue" : value;
            case "today" -> "due".equals(name) ? "Today" : value;
            case "week" -> "due".equals(name) ? "This week" : value;
            case "mine" -> "show".equals(name) ? "Mine" : value;
            case "queue" -> "show".equals(name) ? "Role queue" : value;
            default -> value;
        };
    }

    /** @return the inbox with this filter set to {@code value} (or cleared for {@code null}), the others kept */
    private String href(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(selected);
        if (value == null) {
            next.remove(name);
        } else {
            next.put(name, value);
        }
        StringBuilder href = new StringBuilder("/");
        String separator = "?";
        for (Map.Entry<String, String> e : next.entrySet()) {
            href.append(separator).append(e.getKey()).append('=').append(Links.encode(e.getValue()));
            separator = "&";
        }
        return href.toString();
    }

}
