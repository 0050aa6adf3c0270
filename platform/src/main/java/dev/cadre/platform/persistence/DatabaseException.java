package dev.cadre.platform.persistence;

/** The database cannot be reached or refused an operation; the message says which and where. */
public class DatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public DatabaseException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the driver's exception
     */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
