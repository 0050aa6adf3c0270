package dev.cadre.platform.engine;

/** A parameter file that cannot be taken or used: what is wrong, and at which element when one is to blame. */
public final class ParameterFileException extends RuntimeException {

    private final Integer position;

    /**
     * @param message  what is wrong
     * @param position the element's 0-based position in the file, or {@code null}
     */
    public ParameterFileException(String message, Integer position) {
        super(message);
        this.position = position;
    }

    /** @return the 0-based position of the element to blame, or {@code null} */
    public Integer position() {
        return position;
    }
}
