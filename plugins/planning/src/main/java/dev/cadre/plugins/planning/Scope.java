package dev.cadre.plugins.planning;

import dev.cadre.plugins.support.Attribute;
import dev.cadre.plugins.support.AttributeCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which attributes are tested and why: keys and critical data elements always, and any attribute
 * profiling found an anomaly in.
 */
final class Scope {

    private Scope() {
    }

    /** @return attribute name to reasons ({@code key}, {@code cde}, {@code profiling}), dictionary order */
    static Map<String, List<String>> select(AttributeCatalog catalog, Set<String> anomalous) {
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (Attribute attribute : catalog.all()) {
            List<String> why = new ArrayList<>();
            if (attribute.key()) {
                why.add("key");
            }
            if (attribute.cde()) {
                why.add("cde");
            }
            if (anomalous.contains(attribute.name())) {
                why.add("profiling");
            }
            if (!why.isEmpty()) {
                reasons.put(attribute.name(), List.copyOf(why));
            }
        }
        return reasons;
    }
}
