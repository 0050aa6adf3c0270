package dev.cadre.plugins.support;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The test attributes of a run, in dictionary order, as stored in {@code attributes.json}. */
public final class AttributeCatalog {

    private final Map<String, Attribute> byName = new LinkedHashMap<>();

    /** @param attributes in dictionary order; names unique */
    public AttributeCatalog(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            if (byName.putIfAbsent(a.name(), a) != null) {
                throw ActivityFailure.nonRetryable("InvalidInput", "attribute '" + a.name() + "' is defined twice");
            }
        }
    }

    /** @return the catalog stored in the run's {@code attributes.json} */
    public static AttributeCatalog load(ActivityContext context) {
        Map<String, Object> json = Inputs.json(context, ArtifactNames.ATTRIBUTES, "GENERATE_ATTRIBUTES writes it");
        List<Attribute> attributes = new ArrayList<>();
        List<Map<String, Object>> entries = Values.maps(json, "attributes", ArtifactNames.ATTRIBUTES);
        for (int i = 0; i < entries.size(); i++) {
            attributes.add(Attribute.fromJson(entries.get(i), ArtifactNames.ATTRIBUTES + " attributes[" + i + "]"));
        }
        return new AttributeCatalog(attributes);
    }

    /** @return the catalog as the JSON object stored in {@code attributes.json} */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attributes", all().stream().map(Attribute::toJson).toList());
        return json;
    }

    /** @return every attribute, in dictionary order */
    public List<Attribute> all() {
        return List.copyOf(byName.values());
    }

    /** @return the attribute of that name */
    public Optional<Attribute> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the attribute of that name, failing when there is none */
    public Attribute require(String name, String where) {
        return get(name).orElseThrow(() -> ActivityFailure.nonRetryable("InvalidInput",
                where + ": '" + name + "' is not an attribute of the data dictionary"));
    }

    /**
     * @return the single key attribute: it identifies report rows and names the samples
     * @throws ActivityFailure {@code InvalidInput} unless exactly one attribute is a key
     */
    public Attribute key() {
        List<Attribute> keys = byName.values().stream().filter(Attribute::key).toList();
        if (keys.size() != 1) {
            throw ActivityFailure.nonRetryable("InvalidInput", "the data dictionary must flag exactly one key field, found "
                    + keys.stream().map(Attribute::name).toList());
        }
        return keys.get(0);
    }
}
