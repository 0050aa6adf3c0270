package dev.cadre.plugins.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.cadre.plugin.api.ActivityFailure;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugins' JSON, on Jackson's streaming parser and generator (jackson-core, shaded into each
 * plugin JAR). Writing is deterministic (map order kept, two-space indent, decimals in plain notation),
 * so the same data always gives the same bytes and the same SHA-256. Parsing is strict (RFC 8259, no
 * duplicate member names, at most {@value #MAX_DEPTH} levels of nesting) and yields the API's
 * JSON-compatible types: {@code Map<String, Object>}, {@code List<Object>}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code null}. Any malformed input is a non-retryable
 * {@code InvalidInput} naming the artifact, line and column.
 */
public final class Json {

    /** Deeper documents are refused: no plugin artifact nests anywhere near this. */
    static final int MAX_DEPTH = 200;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    /**
     * An ordered JSON object (never {@code Map.of}: its iteration order changes from one JVM to the
     * next, and so would the bytes of an artifact).
     *
     * @param keysAndValues key, value, key, value, ...
     * @return a mutable map in argument order
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** @return the value as indented JSON text, ending with a newline */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(new DefaultPrettyPrinter(PRETTY));
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.append('\n').toString();
    }

    /**
     * @param source the artifact name, for error messages
     * @param text   JSON text
     * @return the parsed value
     * @throws ActivityFailure {@code InvalidInput} naming the source, line and column of any error
     */
    public static Object parse(String source, String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            try {
                if (parser.nextToken() == null) {
                    throw invalid(source, parser.currentLocation(), "no JSON value");
                }
                Object value = read(source, parser);
                if (parser.nextToken() != null) {
                    throw invalid(source, parser.currentTokenLocation(), "unexpected text after the value");
                }
                return value;
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw invalid(source, at, e.getOriginalMessage());
            }
        } catch (IOException e) {
            throw ActivityFailure.nonRetryable("InvalidInput", source + ": unreadable JSON: " + e.getMessage());
        }
    }

    private static Object read(String source, JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, read(source, parser));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(source, parser));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw invalid(source, parser.currentTokenLocation(), "integer " + parser.getText() + " is out of range");
                }
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = parser.getDoubleValue();
                if (Double.isInfinite(d)) {
                    throw invalid(source, parser.currentTokenLocation(), "number " + parser.getText() + " is out of range");
                }
                return d;
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw invalid(source, parser.currentTokenLocation(), "unexpected " + token);
        }
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger i) {
            out.writeNumber(i);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            out.writeNumber(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d.stripTrailingZeros().toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName(String.valueOf(e.getKey()));
                write(out, e.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                write(out, item);
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static ActivityFailure invalid(String source, JsonLocation at, String what) {
        String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
        return ActivityFailure.nonRetryable("InvalidInput", source + where + ": invalid JSON: " + what);
    }
}
