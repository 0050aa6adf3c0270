package dev.cadre.bench;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.util.Map;

/**
 * The step of every {@link HostBenchmark} workflow: does nothing and returns a tiny output, so what is
 * measured is the platform around it. Shipped to the host in the plugin JAR {@link NoOpPlugin} builds;
 * the static workflow's activity returns the same {@link #OUTPUT}. Self-contained: the JAR holds this
 * class only.
 */
public final class NoOpStepHandler implements ActivityHandler {

    /** The handler name the benchmark templates use. */
    public static final String NAME = "NoOpStepHandler";
    /** What every step returns. */
    public static final Map<String, Object> OUTPUT = Map.of("ok", true);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        return ActivityResult.completed(OUTPUT);
    }
}
