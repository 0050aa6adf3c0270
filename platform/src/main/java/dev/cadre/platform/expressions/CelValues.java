package dev.cadre.platform.expressions;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between plain JSON-compatible Java values and the values the CEL runtime works on.
 * CEL knows only int64 and double, so Integer becomes Long and Float becomes Double on the way in;
 * protobuf and Guava types become plain values on the way out.
 */
final class CelValues {

    private CelValues() {
    }

    /**
     * @param value a JSON-compatible value (Map with string keys, List, String, number, Boolean, null)
     * @param path  where the value sits, for the error message
     * @return the value as CEL expects it
     * @throws IllegalArgumentException for a value JSON cannot hold
     */
    static Object toCel(Object value, String path) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        Object widened = widen(value);
        if (widened instanceof String || widened instanceof Boolean || widened instanceof Long || widened instanceof Double) {
            return widened;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(path + " has a non-string key " + entry.getKey());
                }
                converted.put(key, toCel(entry.getValue(), path + "." + key));
            }
            return converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                converted.add(toCel(list.get(i), path + "[" + i + "]"));
            }
            return converted;
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getName() + ", not a JSON value");
    }

    /**
     * @param value what the CEL runtime returned
     * @return a JSON-compatible value: List, Map with string keys, String, Long, Double, Boolean or null
     */
    static Object fromCel(Object value) {
        if (value == null || value instanceof NullValue || value instanceof dev.cel.common.values.NullValue) {
            return null;
        }
        Object widened = widen(value);
        if (widened instanceof String || widened instanceof Boolean || widened instanceof Long || widened instanceof Double) {
            return widened;
        }
        if (value instanceof UnsignedLong unsigned) {
            // above Long.MAX_VALUE there is no exact JSON integer for it in Java's number types
            return unsigned.compareTo(UnsignedLong.valueOf(Long.MAX_VALUE)) <= 0 ? (Object) unsigned.longValue() : (Object) unsigned.doubleValue();
        }
        if (value instanceof ByteString bytes) {
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
        if (value instanceof CelByteString bytes) {
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Timestamp timestamp) {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Duration duration) {
            return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos()).toString();
        }
        if (value instanceof java.time.Duration duration) {
            return duration.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(String.valueOf(fromCel(k)), fromCel(v)));
            return converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(element -> converted.add(fromCel(element)));
            return converted;
        }
        // type values (type(x)) and anything else: their CEL name is the only JSON form they have
        return String.valueOf(value);
    }

    /** Widens Java's small number types to the Long and Double that both JSON and CEL use; other values pass. */
    private static Object widen(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return value instanceof Float f ? (Object) f.doubleValue() : value;
    }
}
