package dev.cadre.plugins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityFailure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void readsQuotedFieldsAndKeepsLineNumbers() {
        CsvTable table = Csv.parse("f.csv", "\uFEFFa,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n3\n");
        assertEquals(List.of("a", "b"), table.header());
        assertEquals("x, \"y\"", table.get(0, "a"));
        assertEquals("two\nlines", table.get(0, "b"));
        assertEquals("", table.get(1, "b"), "short rows are padded");
        assertEquals(4, table.line(1));
        assertEquals("f.csv line 4, column b", table.where(1, "b"));
    }

    @Test
    void skipsBlankLinesButCountsThem() {
        CsvTable table = Csv.parse("f.csv", "a\n\n1\n\n2");
        assertEquals(2, table.size());
        assertEquals(5, table.line(1));
    }

    @Test
    void writesWhatItReads() {
        List<List<String>> rows = List.of(List.of("1,5", "say \"hi\""), List.of("", "plain"), List.of("two\nlines", "-0.25"));
        CsvTable table = Csv.parse("t", Csv.write(List.of("a", "b"), rows));
        assertEquals("1,5", table.get(0, "a"));
        assertEquals("say \"hi\"", table.get(0, "b"));
        assertEquals("two\nlines", table.get(2, "a"));
        assertEquals("-0.25", table.get(2, "b"));
        assertEquals("a,b\n1,2\n", Csv.write(List.of("a", "b"), List.of(List.of("1", "2"))));
    }

    @Test
    void neutralisesFormulaCellsItWrites() {
        List<String> values = List.of("=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "\tx", "\rx", "-5", "-0.25", "+1.5e3", "plain", "a=b");
        List<List<String>> rows = new ArrayList<>();
        values.forEach(v -> rows.add(List.of(v)));
        CsvTable table = Csv.parse("t", Csv.write(List.of("v"), rows));
        List<String> read = new ArrayList<>();
        for (int row = 0; row < table.size(); row++) {
            read.add(table.get(row, "v"));
        }
        // get() trims, so the tab and CR cases are compared after the quote
        assertEquals(List.of("'=1+1", "'+SUM(A1:A9)", "'-2+3", "'@cmd", "'\tx", "'\rx", "-5", "-0.25", "+1.5e3", "plain", "a=b"), read);
    }

    @Test
    void namesWhatIsWrong() {
        assertEquals("f.csv line 2: 3 fields but the header has 2", invalid("f.csv", "a,b\n1,2,3\n").getMessage());
        assertEquals("f.csv line 1: column 'a' appears twice", invalid("f.csv", "a,a\n").getMessage());
        assertEquals("f.csv is empty: it needs a header row", invalid("f.csv", "\n\n").getMessage());
        assertEquals("f.csv: missing column(s) [c]; found [a, b]",
                assertThrows(ActivityFailure.class, () -> Csv.parse("f.csv", "a,b\n").require("InvalidInput", List.of("a", "c"))).getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsAnErrorNotPartOfTheField() {
        ActivityFailure failure = invalid("f.csv", "a,b\n1,2\n\"q\"z,3\n");
        assertTrue(failure.getMessage().startsWith("f.csv line 3: invalid CSV: "), failure.getMessage());
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpensOn() {
        ActivityFailure failure = invalid("f.csv", "a,b\n1,\"open\n2,3\n");
        assertTrue(failure.getMessage().startsWith("f.csv line 2: invalid CSV: "), failure.getMessage());
    }

    private static ActivityFailure invalid(String source, String text) {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> Csv.parse(source, text), text);
        assertEquals("InvalidInput", failure.type());
        assertFalse(failure.isRetryable(), "malformed input is not transient");
        return failure;
    }
}
