package dev.cadre.plugins.planning.cycle;

import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code config} of each activity of the shipped test-cycle template, so tests run handlers as the host would. */
public final class TemplateConfig {

    private static final Map<String, Map<String, Object>> CONFIGS = load();

    private TemplateConfig() {
    }

    /** @return the template's config of the activity */
    public static Map<String, Object> of(String activityCode) {
        Map<String, Object> config = CONFIGS.get(activityCode);
        if (config == null) {
            throw new IllegalArgumentException("no activity " + activityCode + " in test-cycle.json");
        }
        return config;
    }

    private static Map<String, Map<String, Object>> load() {
        try {
            String text = Files.readString(SampleFiles.repoFile("distribution/src/main/templates/test-cycle.json"));
            Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
            for (Map<String, Object> phase : Values.maps(Values.asMap(Json.parse("test-cycle.json", text), "template"),
                    "phases", "test-cycle.json")) {
                for (Map<String, Object> activity : Values.maps(phase, "activities", "phase")) {
                    configs.put(String.valueOf(activity.get("code")), Values.map(activity, "config", "activity"));
                }
            }
            return configs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
