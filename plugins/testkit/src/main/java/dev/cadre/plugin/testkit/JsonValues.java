package dev.cadre.plugin.testkit;

import java.util.List;
import java.util.Map;

/** Checks that values are what the host can carry through Temporal and PostgreSQL as JSON. */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * @param value a value from a handler's output
     * @return the JSON path of the first value that is not JSON-compatible, or empty when all are:
     *         {@code Map<String, ?>}, {@code List}, {@code String}, {@code Long}, {@code Integer},
     *         {@code Double}, {@code Boolean} or {@code null}, recursively
     */
    public static java.util.Optional<String> firstIncompatible(Object value) {
        return find(value, "$");
    }

    private static java.util.Optional<String> find(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Boolean) {
            return java.util.Optional.empty();
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite()
                    ? java.util.Optional.of(path + " (" + d + " is not a JSON number)")
                    : java.util.Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return java.util.Optional.of(path + " (key " + entry.getKey() + " is not a String)");
                }
                var found = find(entry.getValue(), path + "." + key);
                if (found.isPresent()) {
                    return found;
                }
            }
            return java.util.Optional.empty();
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                var found = find(list.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(path + " (" + value.getClass().getName() + ")");
    }
}
