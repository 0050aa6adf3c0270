package dev.cadre.plugins.support;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.cadre.plugin.api.ActivityFailure;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 4180 CSV on FastCSV (shaded into each plugin JAR): quoted fields may hold commas, quotes
 * ({@code ""}) and line breaks; anything else after a closing quote, or a quote never closed, is an
 * error. Every cell written goes through {@link FormulaGuard}, so no generated file opens as a formula
 * in a spreadsheet.
 */
public final class Csv {

    /** how FastCSV names the line of a malformed record */
    private static final Pattern RECORD_LINE = Pattern.compile("\\s*\\(record starting at line (\\d+)\\)");

    private Csv() {
    }

    /**
     * @param source the artifact name, for error messages
     * @param text   the CSV text; the first record is the header; blank lines are skipped
     * @return the table
     * @throws ActivityFailure {@code InvalidInput} naming the source and line when the text is empty,
     *                         malformed (a quote not closed, text after a closing quote), a header is
     *                         blank or repeated, or a row has more fields than the header
     */
    public static CsvTable parse(String source, String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .allowExtraCharsAfterClosingQuote(false)
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(body)) {
            for (CsvRecord record : reader) {
                records.add(record.getFields());
                lines.add((int) record.getStartingLineNumber());
            }
        } catch (CsvParseException e) {
            throw malformed(source, e);
        } catch (IOException | UncheckedIOException e) {
            throw ActivityFailure.nonRetryable("InvalidInput", source + ": unreadable CSV: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw ActivityFailure.nonRetryable("InvalidInput", source + " is empty: it needs a header row");
        }
        return new CsvTable(source, records.get(0), records.subList(1, records.size()), lines.subList(1, lines.size()));
    }

    /**
     * @param header the column names
     * @param rows   the rows, each as long as the header
     * @return CSV text with {@code \n} line ends, fields quoted only when they need it, every cell
     *         neutralised by {@link FormulaGuard#cell(String)}
     */
    public static String write(List<String> header, List<? extends List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
            writer.writeRecord(guarded(header));
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("row " + row + " has " + row.size() + " fields, header has " + header.size());
                }
                writer.writeRecord(guarded(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory failed", e);
        }
        return out.toString();
    }

    /** @return {@code InvalidInput}: "{@code <source> line <n>: invalid CSV: <what>}" */
    private static ActivityFailure malformed(String source, CsvParseException e) {
        String message = String.valueOf(e.getMessage());
        Matcher line = RECORD_LINE.matcher(message);
        String where = line.find() ? source + " line " + line.group(1) : source;
        return ActivityFailure.nonRetryable("InvalidInput", where + ": invalid CSV: " + line.replaceAll("").trim());
    }

    private static List<String> guarded(List<String> fields) {
        List<String> cells = new ArrayList<>(fields.size());
        fields.forEach(field -> cells.add(FormulaGuard.cell(field)));
        return cells;
    }
}
