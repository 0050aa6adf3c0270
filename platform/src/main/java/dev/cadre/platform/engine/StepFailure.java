package dev.cadre.platform.engine;

/** A step failed in a way that fails its workflow; the message says which step and why. */
final class StepFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
        super(message, null, false, false);
    }
}
