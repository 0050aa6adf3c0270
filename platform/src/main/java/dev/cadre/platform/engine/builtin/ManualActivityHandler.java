package dev.cadre.platform.engine.builtin;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens the task of a manual activity: the host records it WAITING, with its due time and the
 * assignee role from the activity's config ({@code assigneeRole}), in the task inbox. An instance task
 * may also be for one person ({@code assignee} in its output, kept on the waiting record): the result of
 * the CEL expression {@code config.assignee} over the fan-out element ({@code instance}, with
 * {@code instanceKey} and {@code parameters}), else the element's own {@code assignee} field. The
 * workflow then waits for a person's completion or the timeout.
 */
public final class ManualActivityHandler implements ActivityHandler {

    /** The handler name templates use. */
    public static final String NAME = "ManualActivityHandler";

    /** The role a task goes to when its config names none. */
    public static final String DEFAULT_ROLE = "reviewer";

    /** The config key (an expression) and element field that name the person an instance task is for. */
    public static final String ASSIGNEE = "assignee";

    private ExpressionEngine expressions;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("assigneeRole", Shapes.field("string"), "instance", Map.of("type", "string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        Object role = context.config().getOrDefault("assigneeRole", DEFAULT_ROLE);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("assigneeRole", String.valueOf(role));
        if (!context.instanceKey().isEmpty()) {
            output.put("instance", context.instanceKey());
            String assignee = assignee(context);
            if (assignee != null) {
                output.put(ASSIGNEE, assignee);
            }
        }
        return ActivityResult.completed(output, "task opened for " + role + (output.containsKey(ASSIGNEE) ? " (" + output.get(ASSIGNEE) + ")" : ""));
    }

    private String assignee(ActivityContext context) {
        Object element = context.instance().orElse(null);
        Object expression = context.config().get(ASSIGNEE);
        Object assignee;
        if (expression instanceof String source && !source.isBlank()) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("instance", element);
            variables.put("instanceKey", context.instanceKey());
            variables.put("parameters", context.parameters());
            assignee = engine().evaluate(source, variables);
        } else {
            assignee = element instanceof Map<?, ?> map ? map.get(ASSIGNEE) : null;
        }
        if (assignee != null && !(assignee instanceof String)) {
            throw ActivityFailure.nonRetryable("InvalidAssignee", "config.assignee of " + context.activityCode() + " gave " + assignee
                    + " for instance " + context.instanceKey() + ", not a user name");
        }
        return assignee == null || ((String) assignee).isBlank() ? null : ((String) assignee).strip();
    }

    private synchronized ExpressionEngine engine() {
        if (expressions == null) {
            expressions = new ExpressionEngine();
        }
        return expressions;
    }
}
