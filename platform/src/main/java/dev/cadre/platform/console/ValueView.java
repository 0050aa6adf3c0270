package dev.cadre.platform.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step's output (JSON-compatible values) as a tree the {@code value} template draws: an object is a
 * key/value table, a list of objects a table with a column per key, any other list a list, the rest
 * text. Large values are cut (rows, columns, depth) and say how much was left out; the artifact holds
 * the whole.
 */
final class ValueView {

    static final int MAX_ROWS = 200;
    static final int MAX_COLUMNS = 20;
    static final int MAX_DEPTH = 6;

    private ValueView() {
    }

    /** One key and its value, a row of a key/value table. */
    record Entry(String key, Node value) {
    }

    /** One row of a table of objects. */
    record Row(List<Node> cells) {
    }

    /**
     * A value to draw; exactly one of the kinds is set, and every field is present (mustache must never
     * look a missing name up in an enclosing value).
     */
    record Node(boolean isTable, List<Entry> entries, boolean isGrid, List<String> columns, List<Row> rows, boolean isList,
                List<Node> items, boolean isText, String text, String more) {
    }

    /** @param value a JSON-compatible value @return its view */
    static Node of(Object value) {
        return of(value, 0);
    }

    private static Node of(Object value, int depth) {
        if (value instanceof Map<?, ?> map && depth < MAX_DEPTH) {
            List<Entry> entries = new ArrayList<>();
            map.entrySet().stream().limit(MAX_ROWS).forEach(e -> entries.add(new Entry(String.valueOf(e.getKey()), of(e.getValue(), depth + 1))));
            return new Node(true, entries, false, List.of(), List.of(), false, List.of(), false, "", more(map.size()));
        }
        if (value instanceof List<?> list && depth < MAX_DEPTH) {
            if (!list.isEmpty() && list.stream().allMatch(Map.class::isInstance)) {
                return grid(list, depth);
            }
            List<Node> items = list.stream().limit(MAX_ROWS).map(item -> of(item, depth + 1)).toList();
            return new Node(false, List.of(), false, List.of(), List.of(), true, items, false, "", more(list.size()));
        }
        return text(value == null ? "(none)" : value instanceof Map || value instanceof List ? "(nested too deep to show)" : String.valueOf(value));
    }

    private static Node grid(List<?> list, int depth) {
        Set<String> keys = new LinkedHashSet<>();
        list.stream().limit(MAX_ROWS).forEach(item -> ((Map<?, ?>) item).keySet().forEach(k -> keys.add(String.valueOf(k))));
        List<String> columns = keys.stream().limit(MAX_COLUMNS).toList();
        List<Row> rows = list.stream().limit(MAX_ROWS).map(item -> {
            Map<?, ?> map = (Map<?, ?>) item;
            return new Row(columns.stream().map(c -> map.containsKey(c) ? of(map.get(c), depth + 2) : text("")).toList());
        }).toList();
        String more = more(list.size());
        if (keys.size() > MAX_COLUMNS) {
            more = (more.isEmpty() ? "" : more + "; ") + (keys.size() - MAX_COLUMNS) + " more columns not shown";
        }
        return new Node(false, List.of(), true, columns, rows, false, List.of(), false, "", more);
    }

    private static Node text(String text) {
        return new Node(false, List.of(), false, List.of(), List.of(), false, List.of(), true, text, "");
    }

    private static String more(int size) {
        return size > MAX_ROWS ? "… and " + (size - MAX_ROWS) + " more not shown" : "";
    }
}
