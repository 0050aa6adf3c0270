package dev.cadre.plugin.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declared shapes of JSON values: a handler's output ({@link ActivityHandler#outputShape()}) and a
 * template's {@code parameters} use the same form, a map from field name to a declaration
 * {@code {"type": "string|number|boolean|date|list|object", "items"?, "fields"?, "required"?, "default"?}}:
 * {@code items} declares a list's elements, {@code fields} an object's fields (absent = anything).
 * A {@code date} is an ISO-8601 date or date-time string. One home for the rules, so the host (which
 * type-checks expressions and checks start parameters with them) and the test kit (which checks a
 * handler's real output) agree.
 */
public final class Shapes {

    /** The declarable types. */
    public static final Set<String> TYPES = Set.of("string", "number", "boolean", "date", "list", "object");
    private static final Set<String> KEYS = Set.of("type", "items", "fields", "required", "default", "description");

    private Shapes() {
    }

    /** @param type one of {@link #TYPES} @return a declaration of a field that is always present */
    public static Map<String, Object> field(String type) {
        return Map.of("type", type, "required", true);
    }

    /** @param items the elements' declaration @return a declaration of a list that is always present */
    public static Map<String, Object> list(Map<String, ?> items) {
        return Map.of("type", "list", "items", items, "required", true);
    }

    /** @param fields the fields' declarations @return a declaration of an object that is always present */
    public static Map<String, Object> object(Map<String, ?> fields) {
        return Map.of("type", "object", "fields", fields, "required", true);
    }

    /** @param declaration a declaration @return the same, for a field that may be absent */
    public static Map<String, Object> optional(Map<String, ?> declaration) {
        Map<String, Object> copy = new LinkedHashMap<>(declaration);
        copy.put("required", false);
        return Map.copyOf(copy);
    }

    /**
     * @param fields field name to declaration
     * @return what is wrong with the declarations, each as {@code path: message} (empty when they are well formed)
     */
    public static List<String> declarationProblems(Map<String, ?> fields) {
        List<String> problems = new ArrayList<>();
        if (fields != null) {
            fields.forEach((name, declaration) -> declaration(name, declaration, problems));
        }
        return problems;
    }

    private static void declaration(String path, Object declaration, List<String> problems) {
        if (!(declaration instanceof Map<?, ?> map)) {
            problems.add(path + ": must be an object {type, items?, fields?, required?, default?}");
            return;
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(path + ": unknown key '" + key + "'; expected one of default, description, fields, items, required, type");
            }
        }
        Object type = map.get("type");
        if (!(type instanceof String name) || !TYPES.contains(name)) {
            problems.add(path + ".type: must be one of boolean, date, list, number, object, string; got " + describe(type));
            return;
        }
        if (map.get("items") != null) {
            if ("list".equals(name)) {
                declaration(path + ".items", map.get("items"), problems);
            } else {
                problems.add(path + ".items: only a list has items");
            }
        }
        if (map.get("fields") != null) {
            if (!"object".equals(name)) {
                problems.add(path + ".fields: only an object has fields");
            } else if (map.get("fields") instanceof Map<?, ?> nested) {
                nested.forEach((field, value) -> declaration(path + "." + field, value, problems));
            } else {
                problems.add(path + ".fields: must be an object of field declarations");
            }
        }
        Object required = map.get("required");
        if (required != null && !(required instanceof Boolean)) {
            problems.add(path + ".required: must be true or false");
        }
        if (map.get("default") != null) {
            List<String> wrong = new ArrayList<>();
            value(path + ".default", map, map.get("default"), wrong);
            problems.addAll(wrong);
        }
    }

    /**
     * @param fields field name to declaration
     * @param value  a JSON-compatible object
     * @return where the value does not fit, each as {@code path: message}: a missing required field, a
     *         value of another type, or a field the declaration does not name
     */
    public static List<String> valueProblems(Map<String, ?> fields, Map<String, ?> value) {
        List<String> problems = new ArrayList<>();
        object("", fields, value == null ? Map.of() : value, problems);
        return problems;
    }

    private static void object(String path, Map<?, ?> fields, Map<?, ?> value, List<String> problems) {
        String prefix = path.isEmpty() ? "" : path + ".";
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            Map<?, ?> declaration = field.getValue() instanceof Map<?, ?> m ? m : Map.of();
            Object present = value.get(field.getKey());
            if (present == null) {
                if (Boolean.TRUE.equals(declaration.get("required")) && declaration.get("default") == null) {
                    problems.add(prefix + field.getKey() + ": is required");
                }
                continue;
            }
            value(prefix + field.getKey(), declaration, present, problems);
        }
        for (Object key : value.keySet()) {
            if (!fields.containsKey(key)) {
                problems.add(prefix + key + ": is not declared; expected one of " + String.join(", ",
                        fields.keySet().stream().map(String::valueOf).sorted().toList()));
            }
        }
    }

    private static void value(String path, Map<?, ?> declaration, Object value, List<String> problems) {
        String type = String.valueOf(declaration.get("type"));
        boolean fits = switch (type) {
            case "string" -> value instanceof String;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "date" -> value instanceof String text && isDate(text);
            case "list" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            default -> true;
        };
        if (!fits) {
            problems.add(path + ": expected " + ("date".equals(type) ? "an ISO-8601 date" : "a " + type) + ", got " + describe(value));
            return;
        }
        if (value instanceof List<?> list && declaration.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    problems.add(path + "[" + i + "]: is null");
                } else {
                    value(path + "[" + i + "]", items, list.get(i), problems);
                }
            }
        }
        if (value instanceof Map<?, ?> map && declaration.get("fields") instanceof Map<?, ?> nested) {
            object(path, nested, map, problems);
        }
    }

    /**
     * @param fields field name to declaration
     * @return a value that fits: each field's default, or an example of its type (what a simulation's
     *         stubbed handler returns when its scenario gives no output)
     */
    public static Map<String, Object> example(Map<String, ?> fields) {
        Map<String, Object> example = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((name, declaration) -> example.put(name, exampleOf(declaration instanceof Map<?, ?> m ? m : Map.of())));
        }
        return example;
    }

    private static Object exampleOf(Map<?, ?> declaration) {
        if (declaration.get("default") != null) {
            return declaration.get("default");
        }
        return switch (String.valueOf(declaration.get("type"))) {
            case "string" -> "example";
            case "number" -> 1L;
            case "boolean" -> true;
            case "date" -> "2026-01-01";
            case "list" -> declaration.get("items") instanceof Map<?, ?> items ? List.of(exampleOf(items)) : List.of();
            case "object" -> declaration.get("fields") instanceof Map<?, ?> nested ? example(castFields(nested)) : Map.of();
            default -> "example";
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castFields(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException again) {
                return false;
            }
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String kind = value instanceof String ? "a string" : value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean"
                : value instanceof List ? "a list" : value instanceof Map ? "an object" : "a " + value.getClass().getSimpleName();
        String text = String.valueOf(value);
        return kind + " (" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + ")";
    }
}
