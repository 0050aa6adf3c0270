package dev.cadre.plugins.support;

import dev.cadre.plugin.api.ActivityFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed CSV file: a header and rows of strings (short rows are padded with empty strings).
 * Row indexes are 0-based; {@link #line(int)} gives the 1-based line number for error messages.
 */
public final class CsvTable {

    private final String source;
    private final List<String> header;
    private final List<List<String>> rows;
    private final List<Integer> lines;
    private final Map<String, Integer> index = new HashMap<>();

    CsvTable(String source, List<String> header, List<List<String>> rows, List<Integer> lines) {
        this.source = source;
        this.header = header.stream().map(String::trim).toList();
        for (int i = 0; i < this.header.size(); i++) {
            String name = this.header.get(i);
            if (name.isEmpty()) {
                throw ActivityFailure.nonRetryable("InvalidInput", source + " line 1: column " + (i + 1) + " has no name");
            }
            if (index.putIfAbsent(name, i) != null) {
                throw ActivityFailure.nonRetryable("InvalidInput", source + " line 1: column '" + name + "' appears twice");
            }
        }
        this.rows = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = new ArrayList<>(rows.get(r));
            if (row.size() > this.header.size()) {
                throw ActivityFailure.nonRetryable("InvalidInput", source + " line " + lines.get(r) + ": "
                        + row.size() + " fields but the header has " + this.header.size());
            }
            while (row.size() < this.header.size()) {
                row.add("");
            }
            this.rows.add(row);
        }
        this.lines = List.copyOf(lines);
    }

    /** @return the artifact this table was read from */
    public String source() {
        return source;
    }

    /** @return the column names, in file order */
    public List<String> header() {
        return header;
    }

    /** @return the number of data rows */
    public int size() {
        return rows.size();
    }

    /** @return whether the table has a column of that name */
    public boolean has(String column) {
        return index.containsKey(column);
    }

    /**
     * @param columns column names the caller needs
     * @throws ActivityFailure {@code type} naming the file and every missing column
     */
    public void require(String type, List<String> columns) {
        List<String> missing = columns.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw ActivityFailure.nonRetryable(type, source + ": missing column(s) " + missing + "; found " + header);
        }
    }

    /** @return the value at a row and column, trimmed; empty when the column does not exist */
    public String get(int row, String column) {
        Integer i = index.get(column);
        return i == null ? "" : rows.get(row).get(i).trim();
    }

    /** @return the 1-based line of a 0-based data row */
    public int line(int row) {
        return lines.get(row);
    }

    /** @return {@code "<file> line <n>, column <c>"}, for messages */
    public String where(int row, String column) {
        return source + " line " + line(row) + ", column " + column;
    }
}
