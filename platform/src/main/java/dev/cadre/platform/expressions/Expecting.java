package dev.cadre.platform.expressions;

/** What an expression must yield; checked at compile time where the type is known, always at evaluation. */
public enum Expecting {
    /** Any value (JSON-compatible). */
    ANY,
    /** A bool: conditions. */
    BOOL,
    /** A list: fan-outs. */
    LIST
}
