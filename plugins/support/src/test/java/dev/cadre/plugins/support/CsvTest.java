package dev.cadre.plugins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cadre.plugin.api.ActivityFailure;
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
    void writesWhatItReads() {
        List<List<String>> rows = List.of(List.of("1,5", "say \"hi\""), List.of("", "plain"));
        CsvTable table = Csv.parse("t", Csv.write(List.of("a", "b"), rows));
        assertEquals("1,5", table.get(0, "a"));
        assertEquals("say \"hi\"", table.get(0, "b"));
    }

    @Test
    void namesWhatIsWrong() {
        assertEquals("f.csv line 2: 3 fields but the header has 2",
                assertThrows(ActivityFailure.class, () -> Csv.parse("f.csv", "a,b\n1,2,3\n")).getMessage());
        assertEquals("f.csv line 1: column 'a' appears twice",
                assertThrows(ActivityFailure.class, () -> Csv.parse("f.csv", "a,a\n")).getMessage());
        assertEquals("f.csv: missing column(s) [c]; found [a, b]",
                assertThrows(ActivityFailure.class, () -> Csv.parse("f.csv", "a,b\n").require("InvalidInput", List.of("a", "c"))).getMessage());
    }
}
