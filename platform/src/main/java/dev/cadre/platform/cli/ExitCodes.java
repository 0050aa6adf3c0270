package dev.cadre.platform.cli;

/** What {@code bin/cadre} exits with. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** Something failed that the input did not cause, e.g. the database is down. */
    public static final int FAILURE = 1;
    /** Invalid input or usage: a bad option, an invalid template, a code that does not exist. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
