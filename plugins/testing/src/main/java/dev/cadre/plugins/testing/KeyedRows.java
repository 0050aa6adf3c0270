package dev.cadre.plugins.testing;

import dev.cadre.plugins.support.CsvTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/** The rows of a CSV table by key value (the first row wins; profiling and validation report duplicates). */
final class KeyedRows {

    private final CsvTable table;
    private final Map<String, Integer> rowOf = new HashMap<>();

    KeyedRows(CsvTable table, String keyColumn, IntPredicate include) {
        this.table = table;
        for (int row = 0; row < table.size(); row++) {
            if (include.test(row)) {
                rowOf.putIfAbsent(table.get(row, keyColumn), row);
            }
        }
    }

    /** @return the value of {@code column} in the row with that key, or empty when there is no such row */
    Optional<String> value(String key, String column) {
        Integer row = rowOf.get(key);
        return row == null ? Optional.empty() : Optional.of(table.get(row, column));
    }
}
