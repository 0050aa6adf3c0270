package dev.cadre.platform.users;

/** Too many sign-ins are being checked at once; the attempt was not checked and counts as no failure. Retry shortly. */
public final class SignInBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the refusal. */
    public SignInBusyException() {
        super("too many sign-ins are being checked right now; try again in a few seconds");
    }
}
