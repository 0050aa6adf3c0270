package dev.cadre.plugins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

    @Test
    void canonicalFormsAreStrict() {
        assertTrue(ValueType.DECIMAL.isCanonical("-12.50"));
        assertFalse(ValueType.DECIMAL.isCanonical("1,250.00"));
        assertFalse(ValueType.INTEGER.isCanonical("1.0"));
        assertTrue(ValueType.DATE.isCanonical("2024-02-29"));
        assertFalse(ValueType.DATE.isCanonical("2023-02-29"));
        assertFalse(ValueType.CODE.isCanonical("A B"));
    }

    @Test
    void normalFormsAreLenient() {
        assertEquals(new BigDecimal("1250.5").stripTrailingZeros(), ValueType.DECIMAL.normalise("1,250.50"));
        assertEquals(LocalDate.of(2024, 1, 31), ValueType.DATE.normalise("20240131"));
        assertEquals("MTG", ValueType.CODE.normalise(" mtg "));
        assertEquals("a b", ValueType.STRING.normalise(" a   b "));
        assertEquals("N/A", ValueType.DECIMAL.normalise("N/A"));
    }

    @Test
    void documentKeysSplitAtTheFirstSlash() {
        assertEquals(new DocumentKey("ops", "ledger"), DocumentKey.parse("ops/ledger"));
        assertEquals("ops/ledger", DocumentKey.parse("ops/ledger").toString());
    }
}
