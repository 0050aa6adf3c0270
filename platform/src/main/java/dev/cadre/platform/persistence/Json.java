package dev.cadre.platform.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host's JSON codec: one configured {@link ObjectMapper}, created once and passed to whoever
 * reads or writes JSON. Numbers come back as {@code Long}/{@code Double}, the shapes the plugin API
 * promises handlers.
 */
public final class Json {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    /** Creates the codec. */
    public Json() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** @return the mapper, for streaming and tree access */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * @param value any JSON-compatible value or record
     * @return its JSON text
     * @throws IllegalArgumentException when it cannot be written as JSON
     */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param json a JSON object's text, or {@code null}
     * @return the object as an ordered map (empty for {@code null})
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public Map<String, Object> readMap(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Converts a value to its plain JSON shape (maps, lists, strings, Long, Double, Boolean, null) by
     * writing and reading it, which also proves it is JSON-compatible.
     *
     * @param value a value
     * @return the plain copy
     */
    public Object plain(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.readValue(mapper.writeValueAsBytes(value), Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("value is not JSON-compatible: " + e.getMessage(), e);
        }
    }

    /**
     * @param value a map of JSON-compatible values
     * @return its plain copy
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> plainMap(Map<String, ?> value) {
        Object plain = plain(value);
        return plain == null ? new LinkedHashMap<>() : (Map<String, Object>) plain;
    }
}
