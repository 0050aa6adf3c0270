package dev.cadre.plugins.planning;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugins.support.Attribute;
import dev.cadre.plugins.support.AttributeCatalog;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GENERATE_ATTRIBUTES: turns the uploaded data dictionary (config {@code dictionaryArtifact}, default
 * {@code data-dictionary.csv}) into test attributes, stored as {@code attributes.json} for the
 * activities after it.
 *
 * <p>Output: {@code attributeCount}, {@code attributes} (names), {@code keyAttribute},
 * {@code cdeCount}, {@code owners}, {@code artifact}.
 */
public final class GenerateAttributesHandler implements ActivityHandler {

    @Override
    public String name() {
        return "GenerateAttributesHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("attributeCount", Shapes.field("number"), "attributes", Shapes.list(Map.of("type", "string")), "keyAttribute", Shapes.field("string"), "cdeCount", Shapes.field("number"),
                "owners", Shapes.list(Map.of("type", "string")), "artifact", Shapes.field("string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        String source = Values.string(context.config(), "dictionaryArtifact", ArtifactNames.DICTIONARY, "config");
        AttributeCatalog catalog = DataDictionary.read(
                Inputs.csv(context, source, "upload it before completing DEFINE_REPORT_INVENTORY"));
        Inputs.putJson(context, ArtifactNames.ATTRIBUTES, catalog.toJson());

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("attributeCount", catalog.all().size());
        output.put("attributes", catalog.all().stream().map(Attribute::name).toList());
        output.put("keyAttribute", catalog.key().name());
        output.put("cdeCount", (int) catalog.all().stream().filter(Attribute::cde).count());
        output.put("owners", catalog.all().stream().map(Attribute::owner).distinct().sorted().toList());
        output.put("artifact", ArtifactNames.ATTRIBUTES);
        context.log().info("{} attributes read from {}", catalog.all().size(), source);
        return ActivityResult.completed(output, catalog.all().size() + " attributes from " + source);
    }
}
