package dev.cadre.platform.cluster;

/** A release a host will not load: its JAR is missing or its bytes do not match its SHA-256. */
public final class ReleaseRefusedException extends RuntimeException {

    /** @param message why */
    public ReleaseRefusedException(String message) {
        super(message);
    }
}
