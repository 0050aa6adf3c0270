package dev.cadre.platform.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON schema of a request or response body, as the OpenAPI document writes it. A named schema is
 * an object that becomes a component ({@code #/components/schemas/<name>}) and is referenced by
 * {@code $ref}; {@link #uses()} lists the named schemas inside it, so the document can list them all.
 *
 * @param name       the component name, or {@code null} for an inline schema
 * @param definition the schema itself
 * @param uses       the named schemas it refers to, directly or through its parts
 */
record Schema(String name, Map<String, Object> definition, List<Schema> uses) {

    Schema {
        definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
        uses = List.copyOf(uses);
    }

    private static Schema inline(Map<String, Object> definition, List<Schema> uses) {
        return new Schema(null, definition, uses);
    }

    static Schema string() {
        return inline(Map.of("type", "string"), List.of());
    }

    static Schema string(String description) {
        return inline(Map.of("type", "string", "description", description), List.of());
    }

    static Schema integer() {
        return inline(Map.of("type", "integer", "format", "int64"), List.of());
    }

    static Schema number() {
        return inline(Map.of("type", "number", "format", "double"), List.of());
    }

    static Schema bool() {
        return inline(Map.of("type", "boolean"), List.of());
    }

    static Schema dateTime() {
        return inline(Map.of("type", "string", "format", "date-time"), List.of());
    }

    /** @return a string that is one of the values */
    static Schema oneOf(String... values) {
        return inline(Map.of("type", "string", "enum", List.of(values)), List.of());
    }

    /** @return a string that is one of the enum's constants as JSON writes them (its {@code @JsonValue}, else its name) */
    static Schema oneOf(Class<? extends Enum<?>> type) {
        Method jsonValue = Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(JsonValue.class)).findFirst().orElse(null);
        return oneOf(Arrays.stream(type.getEnumConstants()).map(constant -> jsonName(constant, jsonValue)).toArray(String[]::new));
    }

    private static String jsonName(Enum<?> constant, Method jsonValue) {
        if (jsonValue == null) {
            return constant.name();
        }
        try {
            return String.valueOf(jsonValue.invoke(constant));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the JSON name of " + constant, e);
        }
    }

    /** @return any JSON object (parameters, outputs, config, task data) */
    static Schema anyObject(String description) {
        return inline(Map.of("type", "object", "additionalProperties", true, "description", description), List.of());
    }

    /** @return an object whose keys are free and whose values follow {@code values} */
    static Schema mapOf(Schema values, String description) {
        return inline(Map.of("type", "object", "additionalProperties", values.reference(), "description", description), values.named());
    }

    static Schema arrayOf(Schema items) {
        return inline(Map.of("type", "array", "items", items.reference()), items.named());
    }

    /** @return this schema where {@code null} is allowed too */
    Schema nullable() {
        if (name != null) {
            return inline(Map.of("allOf", List.of(reference()), "nullable", true), named());
        }
        Map<String, Object> copy = new LinkedHashMap<>(definition);
        copy.put("nullable", true);
        return inline(copy, uses);
    }

    /** @return {@code $ref} to the component for a named schema, else the definition */
    Map<String, Object> reference() {
        return name == null ? definition : Map.of("$ref", "#/components/schemas/" + name);
    }

    /** @return this schema if named, else the named ones it uses */
    private List<Schema> named() {
        return name == null ? uses : List.of(this);
    }

    /** @return the property names of an object schema, in order (empty for any other) */
    Set<String> properties() {
        Object properties = definition.get("properties");
        return properties instanceof Map<?, ?> map ? map.keySet().stream().map(String::valueOf)
                .collect(Collectors.toCollection(LinkedHashSet::new)) : Set.of();
    }

    /** @return this schema and every named schema under it, each once, by name */
    Map<String, Schema> components() {
        Map<String, Schema> all = new LinkedHashMap<>();
        collect(all);
        return all;
    }

    private void collect(Map<String, Schema> all) {
        if (name != null && all.putIfAbsent(name, this) != null) {
            return;
        }
        uses.forEach(used -> used.collect(all));
    }

    static ObjectSchema object(String name, String description) {
        return new ObjectSchema(name, description);
    }

    /**
     * The schema of a record as Jackson writes it: one required property per component (primitives can
     * never be null, the others may be), except components Jackson leaves out when null
     * ({@code @JsonInclude(NON_NULL)} or {@code NON_EMPTY}), which are optional; records inside it as named schemas of their own.
     *
     * @param type the record class
     * @return its named schema
     */
    static Schema ofRecord(Class<? extends Record> type) {
        ObjectSchema object = object(type.getSimpleName(), null);
        for (RecordComponent component : type.getRecordComponents()) {
            Schema schema = of(component.getGenericType());
            // the annotation lands on the accessor: JsonInclude does not target record components
            com.fasterxml.jackson.annotation.JsonInclude include = component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonInclude.class);
            if (include != null && (include.value() == com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL
                    || include.value() == com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)) {
                object.optional(component.getName(), schema);
            } else {
                object.required(component.getName(), component.getType().isPrimitive() ? schema : schema.nullable());
            }
        }
        return object.build();
    }

    @SuppressWarnings("unchecked")
    private static Schema of(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                return arrayOf(of(parameterized.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return anyObject("a JSON object");
            }
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return string();
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return integer();
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return number();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return bool();
        }
        if (raw == Instant.class) {
            return dateTime();
        }
        if (raw.isEnum()) {
            return oneOf((Class<? extends Enum<?>>) raw);
        }
        if (raw.isRecord()) {
            return ofRecord((Class<? extends Record>) raw);
        }
        if (raw == Object.class) {
            return inline(Map.of("description", "any JSON value"), List.of());
        }
        throw new IllegalArgumentException("no schema for " + type);
    }

    /** Builds a named object schema property by property. */
    static final class ObjectSchema {
        private final String name;
        private final String description;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();
        private final List<Schema> uses = new ArrayList<>();

        private ObjectSchema(String name, String description) {
            this.name = name;
            this.description = description;
        }

        /** A property that is always present (in a request: must be sent). */
        ObjectSchema required(String property, Schema schema) {
            required.add(property);
            return optional(property, schema);
        }

        /** A property that may be left out. */
        ObjectSchema optional(String property, Schema schema) {
            properties.put(property, schema.reference());
            uses.addAll(schema.named());
            return this;
        }

        Schema build() {
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("type", "object");
            if (description != null) {
                definition.put("description", description);
            }
            if (!required.isEmpty()) {
                definition.put("required", List.copyOf(required));
            }
            definition.put("properties", properties);
            return new Schema(name, definition, uses);
        }
    }
}
