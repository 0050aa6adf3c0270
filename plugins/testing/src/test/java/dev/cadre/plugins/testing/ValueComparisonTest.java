package dev.cadre.plugins.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugins.support.ValueType;
import org.junit.jupiter.api.Test;

class ValueComparisonTest {

    private final ValueComparison comparison = new ValueComparison(null);

    @Test
    void normalisesEachType() {
        assertTrue(comparison.compare(ValueType.DECIMAL, "237146.60", "237,146.6000").passed());
        assertTrue(comparison.compare(ValueType.DECIMAL, "0.0125", "0.012500").passed());
        assertTrue(comparison.compare(ValueType.DECIMAL, "1234.57", "1234.5650").passed(), "rounds to the report's digits");
        assertFalse(comparison.compare(ValueType.DECIMAL, "0.0089", "0.0178").passed());
        assertTrue(comparison.compare(ValueType.INTEGER, "30", " 30 ").passed());
        assertTrue(comparison.compare(ValueType.DATE, "2015-10-27", "20151027").passed());
        assertFalse(comparison.compare(ValueType.DATE, "2015-10-27", "20151028").passed());
        assertTrue(comparison.compare(ValueType.CODE, "MTG", "mtg").passed());
        assertFalse(comparison.compare(ValueType.STRING, "BR005", "br005").passed(), "text keeps its case");
        assertTrue(comparison.compare(ValueType.DECIMAL, "N/A", "N/A").passed(), "the same unparsable value");
        assertTrue(comparison.compare(ValueType.DECIMAL, "", " ").passed());
    }

    @Test
    void explainsFailures() {
        assertEquals("evidence value missing", comparison.compare(ValueType.STRING, "a", "").detail());
        assertEquals("report value missing", comparison.compare(ValueType.STRING, "", "a").detail());
        assertEquals("differs by 1000 (tolerance 0.005)", comparison.compare(ValueType.DECIMAL, "1.00", "1,001.00").detail());
        assertEquals("values differ (one does not parse as decimal)", comparison.compare(ValueType.DECIMAL, "1", "one").detail());
    }
}
