package dev.cadre.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.cadre.platform.text.ControlCharacters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of a JSON request object with strict types, so a wrong type or an unknown field is
 * a 400 that names the field rather than a silent coercion or a 500.
 */
final class JsonFields {

    private final JsonNode node;
    private final ObjectMapper mapper;

    private JsonFields(JsonNode node, ObjectMapper mapper) {
        this.node = node;
        this.mapper = mapper;
    }

    /**
     * @param body    the parsed body
     * @param mapper  converts object fields to plain maps
     * @param allowed the field names the endpoint knows; any other is rejected
     * @return the reader
     */
    static JsonFields of(JsonNode body, ObjectMapper mapper, Set<String> allowed) {
        if (!body.isObject()) {
            throw ApiException.badRequest("invalid_body", "the body must be a JSON object, not " + describe(body.getNodeType()));
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(400, "unknown_field", "unknown field '" + unknown.get(0) + "'; expected one of " + new TreeSet<>(allowed),
                    Map.of("fields", unknown));
        }
        return new JsonFields(body, mapper);
    }

    /** A required text is a name or key: one line, no control character at all. */
    String requiredText(String name, int maxLength) {
        String value = optionalText(name, maxLength);
        if (value == null || value.isBlank()) {
            throw invalid(name, "is required (a non-empty string)");
        }
        if (ControlCharacters.inLine(value)) {
            throw Call.controlCharacter(name);
        }
        return value;
    }

    String optionalText(String name, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name, "must be a string, not " + describe(value.getNodeType()));
        }
        if (value.textValue().length() > maxLength) {
            throw invalid(name, "must be at most " + maxLength + " characters");
        }
        return value.textValue();
    }

    Integer optionalInt(String name, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(name, "must be a whole number, not " + describe(value.getNodeType()));
        }
        int number = value.intValue();
        if (number < min || number > max) {
            throw invalid(name, "must be between " + min + " and " + max);
        }
        return number;
    }

    /** @return whether the body has the field (even as null) */
    boolean has(String name) {
        return node.has(name);
    }

    /** @return the boolean field, or {@code null} when absent */
    Boolean optionalBoolean(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw invalid(name, "must be true or false, not " + describe(value.getNodeType()));
        }
        return value.booleanValue();
    }

    /** @return the array of strings, each at most {@code maxLength} characters; required and non-empty */
    List<String> requiredTextList(String name, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw invalid(name, "is required (a non-empty array of strings)");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > maxLength) {
                throw new ApiException(400, "invalid_field", "field '" + name + "[" + i + "]' must be a non-empty string of at most "
                        + maxLength + " characters", Map.of("field", name + "[" + i + "]"));
            }
            if (ControlCharacters.inLine(item.textValue())) {
                throw Call.controlCharacter(name + "[" + i + "]");
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** @return the object field as a plain JSON-compatible map (empty when absent) */
    @SuppressWarnings("unchecked")
    Map<String, Object> optionalObject(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!value.isObject()) {
            throw invalid(name, "must be a JSON object, not " + describe(value.getNodeType()));
        }
        return mapper.convertValue(value, LinkedHashMap.class);
    }

    /** @return the text field's value, which must be one of the allowed ones (case-insensitive) */
    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        String value = requiredText(name, 64);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        throw new ApiException(400, "invalid_field", "field '" + name + "' must be one of " + names + ", not '" + value + "'",
                Map.of("field", name, "allowed", names));
    }

    private static ApiException invalid(String name, String what) {
        return new ApiException(400, "invalid_field", "field '" + name + "' " + what, Map.of("field", name));
    }

    private static String describe(JsonNodeType type) {
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
