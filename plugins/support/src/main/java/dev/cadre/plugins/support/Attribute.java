package dev.cadre.plugins.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A test attribute: one field of the report, as the data dictionary describes it. Written to
 * {@code attributes.json} by the planning plugin and read back by the plugins after it.
 *
 * @param name        the report column
 * @param type        its data type
 * @param key         whether it identifies a report row (the sample id)
 * @param cde         whether it is a critical data element
 * @param owner       the data owner who holds its source evidence
 * @param pattern     a regular expression its values must match, or empty
 * @param description free text, or empty
 */
public record Attribute(String name, ValueType type, boolean key, boolean cde, String owner, String pattern,
                        String description) {

    /** Checks that no component is {@code null}. */
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(owner, "owner");
        pattern = pattern == null ? "" : pattern;
        description = description == null ? "" : description;
    }

    /** @return the attribute as a JSON object */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type.label());
        json.put("key", key);
        json.put("cde", cde);
        json.put("owner", owner);
        json.put("pattern", pattern);
        json.put("description", description);
        return json;
    }

    /**
     * @param json  an object written by {@link #toJson()}
     * @param where where it came from, for error messages
     * @return the attribute
     */
    public static Attribute fromJson(Map<String, Object> json, String where) {
        String name = Values.requiredString(json, "name", where);
        String type = Values.requiredString(json, "type", where);
        return new Attribute(name,
                ValueType.of(type).orElseThrow(() -> dev.cadre.plugin.api.ActivityFailure.nonRetryable(
                        "InvalidInput", where + ": attribute '" + name + "' has unknown type '" + type + "'")),
                Values.bool(json, "key", false, where), Values.bool(json, "cde", false, where),
                Values.requiredString(json, "owner", where), Values.string(json, "pattern", "", where),
                Values.string(json, "description", "", where));
    }
}
