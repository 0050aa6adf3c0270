package dev.cadre.platform.metrics;

import dev.cadre.platform.engine.ExecutionEvents;
import dev.cadre.platform.engine.ExecutionOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handler executions: {@code cadre_activity_executions_total{handler,source,outcome}},
 * {@code cadre_activity_duration_seconds} (a histogram by handler) and
 * {@code cadre_handler_not_found_total{handler}}. Handler names and sources come from the templates and
 * the installed plugins, so their values are bounded.
 */
public final class ActivityMeters implements ExecutionEvents {

    private static final Duration[] BUCKETS = buckets(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800);

    private final MeterRegistry registry;
    // registering looks the meter up by name and sorted tags: once per combination, not per step
    private final Map<Execution, Counter> executions = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    private record Execution(String handler, String source, ExecutionOutcome outcome) {
    }

    /** @param registry where the meters live */
    public ActivityMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executed(String handler, String source, ExecutionOutcome outcome, Duration took) {
        executions.computeIfAbsent(new Execution(handler, source, outcome), e -> Counter.builder("cadre.activity.executions")
                .description("Handler executions (attempts) by handler, source and outcome")
                .tags("handler", e.handler(), "source", e.source(), "outcome", e.outcome().label())
                .register(registry)).increment();
        durations.computeIfAbsent(handler, h -> Timer.builder("cadre.activity.duration")
                .description("How long handler executions take")
                .tag("handler", h)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(took);
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
