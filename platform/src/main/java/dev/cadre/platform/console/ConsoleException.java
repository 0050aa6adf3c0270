package dev.cadre.platform.console;

/** A console request that ends on an error page: its status and a message for the person. */
final class ConsoleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ConsoleException(int status, String message) {
        super(message);
        this.status = status;
    }

    static ConsoleException forbidden(String role) {
        return new ConsoleException(403, "This page needs the role '" + role + "'.");
    }

    static ConsoleException notFound(String message) {
        return new ConsoleException(404, message);
    }

    static ConsoleException badRequest(String message) {
        return new ConsoleException(400, message);
    }

    int status() {
        return status;
    }
}
