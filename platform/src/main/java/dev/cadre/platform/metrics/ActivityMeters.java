package dev.cadre.platform.metrics;

import dev.cadre.platform.engine.ExecutionEvents;
import dev.cadre.platform.engine.ExecutionOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Handler executions: {@code cadre_activity_executions_total{handler,source,outcome}},
 * {@code cadre_activity_duration_seconds} (a histogram by handler) and
 * {@code cadre_handler_not_found_total{handler}}. Handler names and sources come from the templates and
 * the installed plugins, so their values are bounded.
 */
public final class ActivityMeters implements ExecutionEvents {

    private static final Duration[] BUCKETS = buckets(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800);

    private final MeterRegistry registry;

    /** @param registry where the meters live */
    public ActivityMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executed(String handler, String source, ExecutionOutcome outcome, Duration took) {
        Counter.builder("cadre.activity.executions")
                .description("Handler executions (attempts) by handler, source and outcome")
                .tags("handler", handler, "source", source, "outcome", outcome.label())
                .register(registry)
                .increment();
        Timer.builder("cadre.activity.duration")
                .description("How long handler executions take")
                .tag("handler", handler)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }

    @Override
    public void handlerNotFound(String handler) {
        Counter.builder("cadre.handler.not.found")
                .description("Activities whose handler no loaded plugin or built-in provides (the run waits for it)")
                .tag("handler", handler)
                .register(registry)
                .increment();
    }

    static Duration[] buckets(double... seconds) {
        Duration[] buckets = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            buckets[i] = Duration.ofNanos((long) (seconds[i] * 1e9));
        }
        return buckets;
    }
}
