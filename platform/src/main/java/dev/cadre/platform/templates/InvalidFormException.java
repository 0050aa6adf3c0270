package dev.cadre.platform.templates;

/** A completion's data does not fit the task's form (or the form itself is malformed), naming the field. */
public final class InvalidFormException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the form field, or {@code null} when the form itself is wrong
     * @param message what is wrong
     */
    public InvalidFormException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the field, or {@code null} */
    public String field() {
        return field;
    }
}
