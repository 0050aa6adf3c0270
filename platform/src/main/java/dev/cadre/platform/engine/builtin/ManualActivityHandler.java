package dev.cadre.platform.engine.builtin;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens the task of a manual activity: the host records it WAITING, with its due time and the
 * assignee role from the activity's config ({@code assigneeRole}), in the task inbox. The workflow
 * then waits for a person's completion or the timeout.
 */
public final class ManualActivityHandler implements ActivityHandler {

    /** The handler name templates use. */
    public static final String NAME = "ManualActivityHandler";

    /** The role a task goes to when its config names none. */
    public static final String DEFAULT_ROLE = "reviewer";

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
        }
        return ActivityResult.completed(output, "task opened for " + role);
    }
}
