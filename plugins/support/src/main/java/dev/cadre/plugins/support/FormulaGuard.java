package dev.cadre.plugins.support;

import java.util.regex.Pattern;

/**
 * CSV injection defence for every CSV the plugins write (OWASP "CSV Injection"): a cell that begins
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with a single
 * quote, so a spreadsheet shows it as text instead of evaluating it.
 *
 * <p>The one exception is a plain number ({@code -5}, {@code -0.25}, {@code +1.5e3}): it is data, a
 * spreadsheet evaluates it to itself, and prefixing it would turn every negative amount sent to a data
 * owner into text. Anything else starting with those characters, {@code -2+3} or {@code -1)} included,
 * is prefixed. The quote is part of the written value: a file read back keeps it.
 */
public final class FormulaGuard {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private FormulaGuard() {
    }

    /**
     * @param value a cell's value, possibly {@code null}
     * @return the value to write: {@code ""} for {@code null}, the value prefixed with {@code '} when a
     *         spreadsheet could read it as a formula, else the value unchanged
     */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean trigger = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        if (!trigger || ((first == '+' || first == '-') && PLAIN_NUMBER.matcher(value).matches())) {
            return value;
        }
        return "'" + value;
    }
}
