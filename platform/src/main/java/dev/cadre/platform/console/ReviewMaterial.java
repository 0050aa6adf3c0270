package dev.cadre.platform.console;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.Dependency;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a person reviews before completing a task: the outputs of the activities the task depends on and
 * of the automated steps of its phase that run before it (for a fan-out instance, that instance's
 * outputs of the phase's parallel steps), in template order.
 */
final class ReviewMaterial {

    private ReviewMaterial() {
    }

    /**
     * One upstream step.
     *
     * @param code      its activity code
     * @param name      its name
     * @param hasOutput whether it recorded an output
     * @param output    the output's view
     */
    record Upstream(String code, String name, boolean hasOutput, ValueView.Node output) {
    }

    /**
     * @param template the run's template version
     * @param code     the task's activity code
     * @param instance the task's instance key, or empty
     * @param outputs  the run's completed outputs by activity code (parallel ones by instance)
     * @return the upstream steps with their outputs
     */
    static List<Upstream> of(Template template, String code, String instance, Map<String, Object> outputs) {
        PhaseTemplate phase = template.phaseOf(code).orElse(null);
        ActivityTemplate task = template.activity(code).orElse(null);
        if (phase == null || task == null) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>();
        task.dependsOn().stream().map(Dependency::activity).forEach(wanted::add);
        for (ActivityTemplate step : phase.activities()) {
            if (step.code().equals(code)) {
                break;
            }
            if (!step.manual()) {
                wanted.add(step.code());
            }
        }
        List<Upstream> upstream = new ArrayList<>();
        for (ActivityTemplate step : template.activities()) {
            if (!wanted.contains(step.code())) {
                continue;
            }
            Object output = outputs.get(step.code());
            boolean sameInstance = step.isParallel() && !instance.isEmpty() && phase.activities().contains(step);
            if (sameInstance && output instanceof Map<?, ?> byInstance) {
                output = byInstance.get(instance);
            }
            upstream.add(new Upstream(step.code(), step.name(), output != null, ValueView.of(output)));
        }
        return upstream;
    }
}
