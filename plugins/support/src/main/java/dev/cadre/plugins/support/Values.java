package dev.cadre.plugins.support;

import dev.cadre.plugin.api.ActivityFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of the JSON-compatible maps handlers receive (parameters, config, outputs, parsed JSON).
 * Numbers arrive as {@code Long} or {@code Double}; a wrong type is bad input and fails
 * {@code InvalidInput} naming where the value came from.
 */
public final class Values {

    private Values() {
    }

    /** @return the string at {@code key}, or {@code fallback} when absent or null */
    public static String string(Map<String, ?> map, String key, String fallback, String where) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw invalid(where, key, "a string", v);
        }
        return s;
    }

    /** @return the string at {@code key}, failing when it is absent */
    public static String requiredString(Map<String, ?> map, String key, String where) {
        String s = string(map, key, null, where);
        if (s == null) {
            throw ActivityFailure.nonRetryable("InvalidInput", where + " has no '" + key + "'");
        }
        return s;
    }

    /** @return the whole number at {@code key} (a Long, Integer, integral Double or numeric string) */
    public static Optional<Long> optionalLong(Map<String, ?> map, String key, String where) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long || v instanceof Integer) {
            return Optional.of(((Number) v).longValue());
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Optional.of(d.longValue());
        }
        if (v instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            return Optional.of(Long.parseLong(s.trim()));
        }
        throw invalid(where, key, "a whole number", v);
    }

    /** @return the number at {@code key} as a double, or {@code fallback} */
    public static double number(Map<String, ?> map, String key, double fallback, String where) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw invalid(where, key, "a number", v);
    }

    /** @return the boolean at {@code key}, or {@code fallback} */
    public static boolean bool(Map<String, ?> map, String key, boolean fallback, String where) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw invalid(where, key, "true or false", v);
    }

    /** @return the map at {@code key}, empty when absent */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, ?> map, String key, String where) {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw invalid(where, key, "an object", v);
        }
        return (Map<String, Object>) v;
    }

    /** @return the list of maps at {@code key}, empty when absent */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Map<String, ?> map, String key, String where) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : list(map, key, where)) {
            if (!(e instanceof Map<?, ?>)) {
                throw invalid(where, key, "a list of objects", e);
            }
            out.add((Map<String, Object>) e);
        }
        return out;
    }

    /** @return the list of strings at {@code key}, empty when absent */
    public static List<String> strings(Map<String, ?> map, String key, String where) {
        List<String> out = new ArrayList<>();
        for (Object e : list(map, key, where)) {
            if (!(e instanceof String s)) {
                throw invalid(where, key, "a list of strings", e);
            }
            out.add(s);
        }
        return out;
    }

    /** @return the value as a map, failing when it is not one */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw ActivityFailure.nonRetryable("InvalidInput", where + " is not an object");
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Map<String, ?> map, String key, String where) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw invalid(where, key, "a list", v);
        }
        return l;
    }

    private static ActivityFailure invalid(String where, String key, String expected, Object actual) {
        return ActivityFailure.nonRetryable("InvalidInput", where + ": '" + key + "' must be " + expected
                + ", got " + (actual == null ? "null" : actual.getClass().getSimpleName() + " " + actual));
    }
}
