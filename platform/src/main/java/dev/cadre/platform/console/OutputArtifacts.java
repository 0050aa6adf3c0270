package dev.cadre.platform.console;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** How the console finds the artifacts a step's recorded output names; shared so the step and task pages agree. */
final class OutputArtifacts {

    private OutputArtifacts() {
    }

    /** A parallel step's output for this instance, else the output as it is. */
    static Object ofInstance(Object output, String instance) {
        if (!instance.isEmpty() && output instanceof Map<?, ?> byInstance && byInstance.containsKey(instance)) {
            return byInstance.get(instance);
        }
        return output;
    }

    /** Collects every string in a value (artifact names an output mentions). */
    static void strings(Object value, Set<String> into) {
        if (value instanceof String s) {
            into.add(s);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> strings(v, into));
        } else if (value instanceof Collection<?> list) {
            list.forEach(v -> strings(v, into));
        }
    }
}
