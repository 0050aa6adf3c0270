package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes template documents (DESIGN section 3). Reading is strict (unknown fields,
 * duplicate keys, strings where numbers belong are errors, each reported with its path); writing
 * is canonical (record field order, map keys sorted, nulls written, two-space indent, no trailing
 * newline), so export, import, export gives the same text.
 */
public final class TemplateDocuments {

    private final ObjectMapper mapper;

    /** Builds the one mapper template documents are read and written with. */
    public TemplateDocuments() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION, StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // a missing number or flag reads as 0 or false, which validation then reports by name
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.INDENT_OUTPUT, SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .defaultPrettyPrinter(prettyPrinter())
                // only record components are document fields, never helpers such as isParallel()
                .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        this.mapper = mapper;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    /**
     * @param json a template document
     * @return the template it describes (not yet validated)
     * @throws InvalidTemplateException when it is not JSON (with line and column) or not a template
     *                                  document (with the path and what was expected)
     */
    public Template read(String json) {
        try {
            // syntax first, so a truncated or broken document is reported as malformed JSON with its place,
            // not as a mapping error deep inside the structure
            mapper.readTree(json);
            Template template = mapper.readValue(json, Template.class);
            if (template == null) {
                throw new InvalidTemplateException("not a template document",
                        ValidationReport.of(Problem.error("", "expected a template document (a JSON object), found null")));
            }
            return template;
        } catch (StreamReadException e) {
            throw new InvalidTemplateException("the template document is not valid JSON", ValidationReport.of(
                    Problem.error("", "malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage())));
        } catch (JsonMappingException e) {
            throw new InvalidTemplateException("the JSON is not a template document", ValidationReport.of(
                    Problem.error(path(e.getPath()), describe(e) + inParens(e.getLocation()))));
        } catch (JsonProcessingException e) {
            throw new InvalidTemplateException("unreadable template document", ValidationReport.of(Problem.error("", e.getOriginalMessage())));
        }
    }

    /**
     * @param json a scenario document
     * @return the scenario
     * @throws InvalidTemplateException when it is not JSON or not a scenario, with the path
     */
    public Scenario readScenario(String json) {
        try {
            mapper.readTree(json);
            Scenario scenario = mapper.readValue(json, Scenario.class);
            if (scenario == null) {
                throw new InvalidTemplateException("not a scenario", ValidationReport.of(Problem.error("scenario", "expected a scenario object, found null")));
            }
            return scenario;
        } catch (StreamReadException e) {
            throw new InvalidTemplateException("the scenario is not valid JSON", ValidationReport.of(
                    Problem.error("scenario", "malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage())));
        } catch (JsonMappingException e) {
            String path = path(e.getPath());
            throw new InvalidTemplateException("the JSON is not a scenario", ValidationReport.of(
                    Problem.error(path.isEmpty() ? "scenario" : "scenario." + path, describe(e) + inParens(e.getLocation()))));
        } catch (JsonProcessingException e) {
            throw new InvalidTemplateException("unreadable scenario", ValidationReport.of(Problem.error("scenario", e.getOriginalMessage())));
        }
    }

    /** @return the scenario as its canonical JSON */
    public String write(Scenario scenario) {
        try {
            return mapper.writeValueAsString(scenario);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write scenario " + scenario.name() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param template a template
     * @return its document: pretty JSON with a stable field order
     */
    public String write(Template template) {
        try {
            return mapper.writeValueAsString(template);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write template " + template.code() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param value a JSON-compatible value
     * @param type  the record type to convert it to, e.g. {@link RetryPolicy}
     * @return the value converted with the document rules (used for JSON columns)
     */
    <T> T convert(Object value, Class<T> type) {
        return mapper.convertValue(value, type);
    }

    /** @return the value as a JSON-compatible map (records become maps in field order) */
    @SuppressWarnings("unchecked")
    Map<String, Object> toMap(Object value) {
        return mapper.convertValue(value, Map.class);
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'; expected one of " + join(unknown.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage();
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof NullPointerException) {
            return "a list here holds null; expected objects or strings only";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            return "'" + format.getValue() + "' is not one of " + Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + expected(mismatch.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        return "an object";
    }

    private static String join(Collection<Object> names) {
        return names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** @return the JSON path, for example {@code phases[5].activities[1].dependsOn[0]} */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String inParens(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
