package dev.cadre.platform.engine.builtin;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the START and COMPLETE markers of phases: phase bookkeeping. Its output names the phase (and
 * instance) the marker opens or closes; it reads nothing, so a marker costs no database round trip.
 */
public final class AutomatedActivityHandler implements ActivityHandler {

    /** The handler name templates use. */
    public static final String NAME = "AutomatedActivityHandler";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("phase", Shapes.field("string"), "marker", Shapes.field("string"), "instance", Map.of("type", "string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("phase", context.phase());
        output.put("marker", context.activityCode());
        if (!context.instanceKey().isEmpty()) {
            output.put("instance", context.instanceKey());
        }
        return ActivityResult.completed(output, context.phase() + ": " + context.activityCode());
    }
}
