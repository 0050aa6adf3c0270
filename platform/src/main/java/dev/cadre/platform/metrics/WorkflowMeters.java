package dev.cadre.platform.metrics;

import dev.cadre.platform.engine.RunEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs and people, counted from the run records' committed state changes:
 * {@code cadre_workflows_started_total{template}}, {@code cadre_workflows_ended_total{template,status}}
 * {@code cadre_task_wait_seconds} (a histogram of open → completed, by activity code) and
 * {@code cadre_rework_rounds_total{template,activity}} (rounds of rework, by the step that sent the work back).
 */
public final class WorkflowMeters implements RunEvents {

    private static final Duration[] WAIT_BUCKETS = ActivityMeters.buckets(
            60, 300, 900, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 48 * 3600, 7 * 24 * 3600);

    private final MeterRegistry registry;

    /** @param registry where the meters live */
    public WorkflowMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void workflowStarted(String template) {
        Counter.builder("cadre.workflows.started")
                .description("Runs started, by template code")
                .tag("template", template)
                .register(registry)
                .increment();
    }

    @Override
    public void workflowEnded(String template, String status) {
        Counter.builder("cadre.workflows.ended")
                .description("Runs ended, by template code and status (a resumed run that ends again counts again)")
                .tags("template", template, "status", status.toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    @Override
    public void taskCompleted(String activityCode, Duration waited) {
        Timer.builder("cadre.task.wait")
                .description("How long manual tasks wait from opening to a person's completion, by activity code")
                .tag("activity", activityCode)
                .serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry)
                .record(waited);
    }

    @Override
    public void waitingForHost(String handler) {
        // the same counter a host without the handler increments: no live host has it
        Counter.builder("cadre.handler.not.found")
                .description("Activities whose handler no loaded plugin or built-in provides (the run waits for it)")
                .tag("handler", handler)
                .register(registry)
                .increment();
    }

    @Override
    public void reworkRound(String template, String activity) {
        Counter.builder("cadre.rework.rounds")
                .description("Rounds of rework started: work sent back by a person (REWORK) or handed back by a failed check, by sending step")
                .tags("template", template, "activity", activity)
                .register(registry)
                .increment();
    }
}
