package dev.cadre.platform.expressions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The stable key of a fan-out element, recorded as the instance id of its activities: the same
 * element gives the same key in every run, on every host.
 */
public final class InstanceKeys {

    /** Instance ids are stored in a VARCHAR(255): longer texts are hashed. */
    static final int MAX_KEY_LENGTH = 255;

    private final JsonMapper canonical = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * @param element a fan-out element (JSON-compatible)
     * @return a string as itself; a number or boolean as its text; a map with a {@code key} or
     *         {@code id} entry as that entry's key; anything else (and any text over 255 characters)
     *         as the first 16 hex digits of the SHA-256 of its canonical (sorted-keys) JSON
     */
    public String of(Object element) {
        Object value = CelValues.fromCel(CelValues.toCel(element, "element"));
        if (value instanceof Map<?, ?> map) {
            Object id = map.containsKey("key") ? map.get("key") : map.get("id");
            if (id instanceof String || id instanceof Number || id instanceof Boolean) {
                return of(id);
            }
        }
        String text = null;
        if (value instanceof String || value instanceof Boolean || value instanceof Long) {
            text = value.toString();
        } else if (value instanceof Double number) {
            // 2.0 and 2 are the same JSON number: give them the same key
            text = number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString(number.longValue()) : number.toString();
        }
        return text != null && text.length() <= MAX_KEY_LENGTH ? text : hash(value);
    }

    private String hash(Object value) {
        try {
            byte[] json = canonical.writeValueAsBytes(value);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a fan-out element: " + e.getMessage(), e);
        }
    }

}
