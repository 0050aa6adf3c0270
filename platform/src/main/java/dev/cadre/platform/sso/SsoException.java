package dev.cadre.platform.sso;

/** Single sign-on did not work, with why: the provider cannot be reached, a token or answer did not check out, a name is taken. */
public final class SsoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, safe to show the person signing in */
    public SsoException(String message) {
        super(message);
    }

    /** @param message what went wrong @param cause the library's failure */
    public SsoException(String message, Throwable cause) {
        super(message, cause);
    }
}
