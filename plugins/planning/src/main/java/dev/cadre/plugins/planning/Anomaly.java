package dev.cadre.plugins.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profiling finding that makes an attribute worth testing.
 *
 * @param attribute the column
 * @param rule      which check found it: TYPE, PATTERN, NULL_RATE, KEY_NULL, KEY_DUPLICATE,
 *                  MISSING_COLUMN or UNDOCUMENTED_COLUMN
 * @param count     how many values broke the rule
 * @param lines     example report lines (first few)
 * @param message   one line for people
 */
record Anomaly(String attribute, String rule, int count, List<Integer> lines, String message) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attribute", attribute);
        json.put("rule", rule);
        json.put("count", count);
        json.put("lines", lines);
        json.put("message", message);
        return json;
    }
}
