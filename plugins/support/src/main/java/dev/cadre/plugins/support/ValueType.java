package dev.cadre.plugins.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The data types a data dictionary may give a field. Each type knows the canonical form the report
 * must use (what profiling checks) and a lenient normal form for comparing a report value with an
 * evidence value that a source system formatted its own way ({@code 1,234.50} vs {@code 1234.5},
 * {@code 20240131} vs {@code 2024-01-31}, {@code mtg} vs {@code MTG}).
 */
public enum ValueType {
    /** Free text; compared with surrounding and repeated blanks ignored, case kept. */
    STRING(".*"),
    /** A code from a list; compared case-insensitively. */
    CODE("[A-Za-z0-9_.-]+"),
    /** A whole number. */
    INTEGER("-?\\d+"),
    /** A decimal number, plain notation. */
    DECIMAL("-?\\d+(\\.\\d+)?"),
    /** An ISO-8601 calendar date, {@code yyyy-MM-dd}. */
    DATE("\\d{4}-\\d{2}-\\d{2}");

    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private final Pattern canonical;

    ValueType(String canonical) {
        this.canonical = Pattern.compile(canonical);
    }

    /** @return the type for a dictionary's type name, case-insensitive; empty when unknown */
    public static Optional<ValueType> of(String name) {
        for (ValueType t : values()) {
            if (t.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** @return the lower-case name dictionaries use */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether a non-blank report value is in this type's canonical form */
    public boolean isCanonical(String value) {
        if (!canonical.matcher(value).matches()) {
            return false;
        }
        if (this == DATE) {
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param value a raw value (blank means no value)
     * @return a comparable normal form: empty string for blank, BigDecimal for numbers, LocalDate for
     *         dates, trimmed text otherwise; a value that does not parse as its type stays text, so it
     *         still equals the same unparsable text
     */
    public Object normalise(String value) {
        String v = value == null ? "" : value.trim().replaceAll("\\s+", " ");
        if (v.isEmpty()) {
            return "";
        }
        return switch (this) {
            case STRING -> v;
            case CODE -> v.toUpperCase(Locale.ROOT);
            case INTEGER, DECIMAL -> number(v);
            case DATE -> date(v);
        };
    }

    private static Object number(String v) {
        String plain = v.replace(",", "");
        try {
            return new BigDecimal(plain).stripTrailingZeros();
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static Object date(String v) {
        try {
            return v.length() == 8 ? LocalDate.parse(v, BASIC_DATE) : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return v;
        }
    }
}
