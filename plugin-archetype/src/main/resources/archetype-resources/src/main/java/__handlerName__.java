package ${package};

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Greets {@code parameters.who}: writes {@code greeting.txt} and answers {@code {"greeting": ...}}.
 * Replace the body with your step's work; keep it idempotent (activities run at least once) and its
 * output small (it travels through Temporal's history; large data goes to {@code context.artifacts()}).
 */
public final class ${handlerName} implements ActivityHandler {

    @Override
    public String name() {
        return "${handlerName}"; // what a template's step names in "handler"
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        Object who = context.parameters().get("who");
        if (!(who instanceof String name) || name.isBlank()) {
            throw ActivityFailure.nonRetryable("InvalidInput", "parameters.who must be a non-empty string");
        }
        String text = "Hello, " + name + " (" + context.businessKey() + ")";
        context.artifacts().put("greeting.txt", "text/plain", text.getBytes(StandardCharsets.UTF_8));
        context.log().info("greeted {}", name);
        return ActivityResult.completed(Map.of("greeting", text), "greeted " + name);
    }
}
