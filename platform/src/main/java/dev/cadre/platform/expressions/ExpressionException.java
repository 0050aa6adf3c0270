package dev.cadre.platform.expressions;

/** An expression did not compile, failed at evaluation, or yielded the wrong kind of value; the message names it. */
public class ExpressionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source  the expression
     * @param message what went wrong
     */
    public ExpressionException(String source, String message) {
        super(message);
        this.source = source;
    }

    /**
     * @param source  the expression
     * @param message what went wrong
     * @param cause   the CEL exception
     */
    public ExpressionException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /** @return the expression this is about */
    public String source() {
        return source;
    }
}
