package dev.cadre.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds JSON request bodies to records with Jackson, strictly: the body must be an object, a field the
 * record does not have is a 400 listing the ones it has, and a value of the wrong type (a number for a
 * string, {@code "2"} or {@code 1.5} for a whole number, an array for an object) is a 400 naming the
 * field, never a silent coercion or a 500. What a value must further be (required, length, one of a set)
 * the endpoint checks with {@link #text} and {@link #choice}.
 */
final class Bodies {

    private final ObjectMapper strict;

    /** @param mapper the host's mapper, copied and made strict */
    Bodies(ObjectMapper mapper) {
        this.strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    /**
     * @param body the parsed body
     * @param type the record it binds to; its components are the fields the endpoint accepts
     * @param <T>  the record type
     * @return the bound record
     * @throws ApiException 400 {@code invalid_body}, {@code unknown_field} or {@code invalid_field}
     */
    <T extends Record> T read(JsonNode body, Class<T> type) {
        if (!body.isObject()) {
            throw ApiException.badRequest("invalid_body", "the body must be a JSON object, not " + describe(body.getNodeType()));
        }
        TreeSet<String> allowed = new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(400, "unknown_field", "unknown field '" + unknown.get(0) + "'; expected one of " + allowed,
                    Map.of("fields", unknown));
        }
        try {
            return strict.treeToValue(body, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            if (field == null) {
                throw ApiException.badRequest("invalid_body", "the body does not fit: " + e.getOriginalMessage());
            }
            throw invalid(field, "must be " + expected(type, field) + ", not " + describe(body.get(field).getNodeType()));
        } catch (JsonProcessingException e) {
            throw Call.malformed(e);
        }
    }

    /**
     * @return the text, checked: at most {@code maxLength} characters and, when required, not blank
     * @throws ApiException 400 naming the field
     */
    static String text(String name, String value, int maxLength, boolean required) {
        if (required && (value == null || value.isBlank())) {
            throw invalid(name, "is required (a non-empty string)");
        }
        if (value != null && value.length() > maxLength) {
            throw invalid(name, "must be at most " + maxLength + " characters");
        }
        if (required && dev.cadre.platform.text.ControlCharacters.inLine(value)) {
            // a required text is a name or key: one line, no control character at all
            throw Call.controlCharacter(name);
        }
        return value;
    }

    /**
     * @return the text, checked as {@link #text} and, when given at all, one line without control characters
     *         (an optional name or key such as an {@code instanceId} is still a name)
     * @throws ApiException 400 naming the field
     */
    static String line(String name, String value, int maxLength, boolean required) {
        text(name, value, maxLength, required);
        if (value != null && dev.cadre.platform.text.ControlCharacters.inLine(value)) {
            throw Call.controlCharacter(name);
        }
        return value;
    }

    /**
     * @return the constant the (required) text names, ignoring case
     * @throws ApiException 400 naming the field and the allowed values
     */
    static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        text(name, value, 64, true);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        throw new ApiException(400, "invalid_field", "field '" + name + "' must be one of " + names + ", not '" + value + "'",
                Map.of("field", name, "allowed", names));
    }

    /**
     * @return the whole number, checked to lie in the range ({@code null} stays {@code null})
     * @throws ApiException 400 naming the field
     */
    static Integer range(String name, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw invalid(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    static ApiException invalid(String name, String what) {
        return new ApiException(400, "invalid_field", "field '" + name + "' " + what, Map.of("field", name));
    }

    private static String expected(Class<?> type, String field) {
        Type declared = Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(field)).findFirst()
                .map(RecordComponent::getGenericType).orElse(Object.class);
        Class<?> raw = declared instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) declared;
        if (raw == String.class) {
            return "a string";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return "a whole number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "a JSON object";
        }
        if (List.class.isAssignableFrom(raw)) {
            return "an array of strings";
        }
        return "a " + raw.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonNodeType type) {
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }
}
