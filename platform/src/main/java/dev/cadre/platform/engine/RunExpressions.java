package dev.cadre.platform.engine;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's conditions and fan-outs: CEL over {@code parameters}, the completed {@code outputs}, and the
 * fan-out {@code instance}. Pure, so workflow code may evaluate them.
 */
final class RunExpressions {

    private final ExpressionEngine expressions;
    private final RunState state;
    private final Map<String, Object> parameters;

    /**
     * @param expressions the host's CEL engine: pure and thread-safe (compiled programs cached), so every
     *                    workflow instance shares it
     * @param state       the run's state, whose outputs expressions read
     * @param parameters  the run's start parameters
     */
    RunExpressions(ExpressionEngine expressions, RunState state, Map<String, Object> parameters) {
        this.expressions = expressions;
        this.state = state;
        this.parameters = parameters;
    }

    /** @return the phase's fan-out as instance key -> element, refusing duplicate keys */
    Map<String, Object> fanOut(PhaseTemplate phase) {
        List<Object> elements;
        try {
            elements = expressions.fanOut(phase.fanOut(), variables(null, ""));
        } catch (RuntimeException e) {
            throw new StepFailure("fan-out of phase '" + phase.name() + "' (" + phase.fanOut() + ") failed: " + e.getMessage());
        }
        return keyed(phase, elements);
    }

    /** @return the parameter file the phase fans out over, if its fan-out is a parameter that names one */
    java.util.Optional<ParameterFiles.FanOut> fileFanOut(PhaseTemplate phase) {
        return ParameterFiles.fanOut(phase.fanOut(), parameters);
    }

    /** @return elements as instance key -> element, refusing duplicate keys */
    Map<String, Object> keyed(PhaseTemplate phase, List<Object> elements) {
        Map<String, Object> instances = new LinkedHashMap<>();
        for (Object element : elements) {
            String key = expressions.instanceKey(element);
            if (instances.putIfAbsent(key, element) != null) {
                throw new StepFailure("fan-out of phase '" + phase.name() + "' yields instance key '" + key + "' twice");
            }
        }
        return instances;
    }

    /** @return whether the activity's condition holds; throws with the CEL error when it cannot be evaluated */
    boolean condition(ActivityTemplate activity, Object instance, String instanceKey) {
        return expressions.condition(activity.condition(), variables(instance, instanceKey));
    }

    private Map<String, Object> variables(Object instance, String instanceKey) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("parameters", parameters);
        variables.put("outputs", state.outputs());
        variables.put("instance", instance);
        variables.put("instanceKey", instanceKey);
        return variables;
    }
}
