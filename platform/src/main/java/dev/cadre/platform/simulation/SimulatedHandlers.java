package dev.cadre.platform.simulation;

import dev.cadre.platform.engine.ActivityInvocation;
import dev.cadre.platform.engine.StepKey;
import dev.cadre.platform.engine.StepOutcome;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.Scenario;
import dev.cadre.platform.templates.Template;
import dev.cadre.plugin.api.Shapes;
import io.temporal.activity.Activity;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The simulation's one dynamic activity, in place of the host's handlers: an automated step returns
 * the output its scenario gives ({@code CODE/instance}, then {@code CODE}) or an example of its
 * handler's declared shape; a manual step opens its task and tells the scenario's person. Applies the
 * record writes the workflow sends along, as the host's handler activity does, to the simulation's sink.
 */
final class SimulatedHandlers implements DynamicActivity {

    /** Where a simulated step's output came from, in place of {@code builtin} or {@code plugin@version}. */
    static final String SOURCE = "simulation";

    private final Template template;
    private final Scenario scenario;
    private final SimulationRecords records;
    private final Function<String, Optional<Map<String, Object>>> outputShapes;
    private final BiConsumer<ActivityTemplate, StepKey> taskOpened;

    /**
     * @param template     the simulated template
     * @param scenario     the scenario
     * @param records      the in-memory sink
     * @param outputShapes handler name to its declared output shape
     * @param taskOpened   told when a manual step's task opens
     */
    SimulatedHandlers(Template template, Scenario scenario, SimulationRecords records,
            Function<String, Optional<Map<String, Object>>> outputShapes, BiConsumer<ActivityTemplate, StepKey> taskOpened) {
        this.template = template;
        this.scenario = scenario;
        this.records = records;
        this.outputShapes = outputShapes;
        this.taskOpened = taskOpened;
    }

    @Override
    public Object execute(EncodedValues args) {
        ActivityInvocation invocation = args.get(0, ActivityInvocation.class);
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        if (!invocation.writes().isEmpty()) {
            records.steps(invocation.workflowId(), invocation.writes());
        }
        StepKey key = invocation.step();
        ActivityTemplate activity = template.activity(key.activityCode()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "template " + template.code() + " has no activity " + key.activityCode(), "InvalidInvocation"));
        if (invocation.compensates()) {
            return new StepOutcome(StepStatus.COMPENSATED, invocation.compensation(), null, SOURCE, null, attempt);
        }
        if (activity.manual()) {
            taskOpened.accept(activity, key);
            Map<String, Object> opened = new LinkedHashMap<>();
            opened.put("assigneeRole", String.valueOf(activity.config().getOrDefault("assigneeRole", "reviewer")));
            return new StepOutcome(StepStatus.WAITING, opened, "task opened", SOURCE, null, attempt);
        }
        return new StepOutcome(StepStatus.COMPLETED, output(activity, key), "simulated", SOURCE, null, attempt);
    }

    private Map<String, Object> output(ActivityTemplate activity, StepKey key) {
        Map<String, Map<String, Object>> given = scenario.outputs();
        Map<String, Object> output = key.instanceKey().isEmpty() ? null : given.get(key.activityCode() + "/" + key.instanceKey());
        if (output == null) {
            output = given.get(key.activityCode());
        }
        if (output != null) {
            return output;
        }
        Map<String, Object> example = Shapes.example(outputShapes.apply(activity.handler()).orElse(Map.of()));
        // each instance's example differs, so a fan-out over the elements of instance outputs keeps distinct keys
        return key.instanceKey().isEmpty() ? example : distinct(example, key.instanceKey());
    }

    @SuppressWarnings("unchecked")
    private static <T> T distinct(T value, String instance) {
        if (value instanceof String text) {
            return (T) (text + "-" + instance);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), distinct(v, instance)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(v -> distinct(v, instance)).toList();
        }
        return value;
    }
}
