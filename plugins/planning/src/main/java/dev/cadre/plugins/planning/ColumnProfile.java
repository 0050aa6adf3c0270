package dev.cadre.plugins.planning;

import com.google.re2j.Pattern;
import dev.cadre.plugins.support.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of one report column, fed one value at a time: null rate, distinct count, min/max (in the
 * column's type order), values not in the type's canonical form, and values not matching the
 * dictionary pattern. Keeps the first few offending line numbers as examples. The pattern comes from a person's
 * file, so it runs on RE2J: linear in the value's length, whatever the pattern (no catastrophic backtracking).
 */
final class ColumnProfile {

    static final int EXAMPLES = 5;

    final String name;
    final ValueType type;
    private final Pattern pattern;
    private final Map<String, Integer> firstLineOf = new HashMap<>();
    private final List<Integer> duplicateLines = new ArrayList<>();
    private final List<Integer> nullLines = new ArrayList<>();
    private final List<Integer> typeLines = new ArrayList<>();
    private final List<Integer> patternLines = new ArrayList<>();
    int rows;
    int nulls;
    int duplicates;
    int typeViolations;
    int patternViolations;
    private String min;
    private String max;
    private Comparable<Object> minKey;
    private Comparable<Object> maxKey;

    ColumnProfile(String name, ValueType type, String pattern) {
        this.name = name;
        this.type = type;
        this.pattern = pattern.isEmpty() ? null : Pattern.compile(pattern);
    }

    void add(String value, int line) {
        rows++;
        if (value.isEmpty()) {
            nulls++;
            example(nullLines, line);
            return;
        }
        if (firstLineOf.putIfAbsent(value, line) != null) {
            duplicates++;
            example(duplicateLines, line);
        }
        boolean canonical = type.isCanonical(value);
        if (!canonical) {
            typeViolations++;
            example(typeLines, line);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            patternViolations++;
            example(patternLines, line);
        }
        if (canonical) {
            range(value);
        }
    }

    int distinct() {
        return firstLineOf.size();
    }

    double nullRate() {
        return rows == 0 ? 0.0 : Math.round(nulls * 10000.0 / rows) / 10000.0;
    }

    List<Integer> nullLines() {
        return nullLines;
    }

    List<Integer> duplicateLines() {
        return duplicateLines;
    }

    List<Integer> typeLines() {
        return typeLines;
    }

    List<Integer> patternLines() {
        return patternLines;
    }

    @SuppressWarnings("unchecked")
    private void range(String value) {
        // canonical values normalise to BigDecimal, LocalDate or String: comparable within a column
        Comparable<Object> key = (Comparable<Object>) type.normalise(value);
        if (minKey == null || key.compareTo(minKey) < 0) {
            minKey = key;
            min = value;
        }
        if (maxKey == null || key.compareTo(maxKey) > 0) {
            maxKey = key;
            max = value;
        }
    }

    private static void example(List<Integer> lines, int line) {
        if (lines.size() < EXAMPLES) {
            lines.add(line);
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type.label());
        json.put("rows", rows);
        json.put("nulls", nulls);
        json.put("nullRate", nullRate());
        json.put("distinct", distinct());
        json.put("min", min);
        json.put("max", max);
        json.put("typeViolations", typeViolations);
        json.put("patternViolations", patternViolations);
        return json;
    }
}
