package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A phase of a template. Phases run one at a time, in {@code order}.
 *
 * @param name           the phase's name, unique in the template
 * @param order          its position (1-based, unique in the template)
 * @param executionMode  {@code sequential}: activities one after another; {@code parallel}: the
 *                       sequential activities around a fan-out of instances
 * @param fanOut         for a parallel phase, the CEL expression yielding one element per instance
 * @param maxParallelism for a parallel phase, how many instances may run at once ({@code null} = no cap)
 * @param activities     the activities in sequence order
 */
public record PhaseTemplate(String name, int order, ExecutionMode executionMode, String fanOut,
        Integer maxParallelism, List<ActivityTemplate> activities) {

    /** Copies the activity list. */
    public PhaseTemplate {
        activities = activities == null ? List.of() : List.copyOf(activities);
    }

    /** @return whether the phase fans out into instances */
    @JsonIgnore
    public boolean isParallel() {
        return executionMode == ExecutionMode.PARALLEL;
    }
}
