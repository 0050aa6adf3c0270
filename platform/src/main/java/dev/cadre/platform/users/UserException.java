package dev.cadre.platform.users;

/** A user operation that cannot be done, with why; the REST edge maps the kind to a status. */
public final class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Bad input: a malformed name, role or password. */
        INVALID,
        /** No such user or token. */
        NOT_FOUND,
        /** The user exists already. */
        CONFLICT
    }

    private final Kind kind;

    /** @param kind what went wrong @param message what and where */
    public UserException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }
}
