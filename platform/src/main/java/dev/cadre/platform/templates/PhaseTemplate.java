package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param maxInstances   for a parallel phase, the largest fan-out it accepts ({@code null} =
 *                       {@value #DEFAULT_MAX_INSTANCES}); a larger one fails the phase at once
 * @param activities     the activities in sequence order
 */
public record PhaseTemplate(String name, int order, ExecutionMode executionMode, String fanOut,
        Integer maxParallelism, @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxInstances, List<ActivityTemplate> activities) {

    /** The fan-out cap of a parallel phase that declares none. */
    public static final int DEFAULT_MAX_INSTANCES = 10_000;

    /** Copies the activity list. */
    public PhaseTemplate {
        activities = activities == null ? List.of() : List.copyOf(activities);
    }

    /** A phase without its own fan-out cap. */
    public PhaseTemplate(String name, int order, ExecutionMode executionMode, String fanOut, Integer maxParallelism,
            List<ActivityTemplate> activities) {
        this(name, order, executionMode, fanOut, maxParallelism, null, activities);
    }

    /** @return the largest fan-out this phase accepts */
    @JsonIgnore
    public int instanceCap() {
        return maxInstances == null ? DEFAULT_MAX_INSTANCES : maxInstances;
    }

    /** @return whether the phase fans out into instances */
    @JsonIgnore
    public boolean isParallel() {
        return executionMode == ExecutionMode.PARALLEL;
    }
}
