package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which upstream outputs a step sees, and in what shape: the one rule behind a handler's
 * {@code ActivityContext.outputs()}/{@code output(code)}, the {@code outputs} of conditions and
 * fan-outs, and which instances a dependency means. The test kit's {@code TestActivityContext} keeps a
 * copy for plugin authors; {@code VisibleOutputsContractTest} holds the two equal.
 * <ul>
 *   <li>{@code outputs}: every completed step with an output; a sequential activity's code maps to its
 *       output, a parallel activity's code to a map from instance key to output;</li>
 *   <li>{@code output(code)}: a sequential activity's output; a parallel activity's output only for the
 *       same instance of the same fan-out (otherwise read {@code outputs});</li>
 *   <li>a dependency on a parallel activity means the same instance when both are instances of one
 *       fan-out, else every instance.</li>
 * </ul>
 */
final class VisibleOutputs {

    private final Map<String, Object> outputs = new LinkedHashMap<>();

    /**
     * Adds a completed step's output, in the order steps completed.
     *
     * @param activityCode the step's activity
     * @param instanceKey  its instance key (empty for a sequential activity)
     * @param parallel     whether its activity is a parallel one
     * @param output       what it completed with
     */
    @SuppressWarnings("unchecked")
    void add(String activityCode, String instanceKey, boolean parallel, Map<String, Object> output) {
        if (parallel) {
            ((Map<String, Object>) outputs.computeIfAbsent(activityCode, k -> new LinkedHashMap<String, Object>())).put(instanceKey, output);
        } else {
            outputs.put(activityCode, output);
        }
    }

    /** @return the outputs as handlers and expressions see them (a live view: copy before handing out) */
    Map<String, Object> asMap() {
        return outputs;
    }

    /**
     * @param template     the run's template
     * @param step         the step asking
     * @param instanceKey  its instance key (empty unless it is a parallel instance)
     * @param outputs      the run's outputs, as {@link #asMap()} shapes them
     * @param activityCode the upstream activity
     * @return what {@code output(activityCode)} gives the step
     */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> output(Template template, ActivityTemplate step, String instanceKey, Map<String, Object> outputs,
            String activityCode) {
        Object value = outputs.get(activityCode);
        if (value == null) {
            return Optional.empty();
        }
        boolean parallel = template.activity(activityCode).map(ActivityTemplate::isParallel).orElse(false);
        if (!parallel) {
            return Optional.of((Map<String, Object>) value);
        }
        PhaseTemplate phase = template.phaseOf(step.code()).orElseThrow();
        return sameFanOut(phase, step, activityCode) && !instanceKey.isEmpty()
                ? Optional.ofNullable((Map<String, Object>) ((Map<String, Object>) value).get(instanceKey))
                : Optional.empty();
    }

    /**
     * @param phase        the step's phase
     * @param step         the step's activity
     * @param upstreamCode an activity it reads or depends on
     * @return whether both are parallel activities of the phase, so the step means its own instance
     */
    static boolean sameFanOut(PhaseTemplate phase, ActivityTemplate step, String upstreamCode) {
        return step.isParallel() && phase.activities().stream().anyMatch(a -> a.code().equals(upstreamCode) && a.isParallel());
    }
}
