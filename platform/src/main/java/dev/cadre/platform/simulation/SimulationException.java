package dev.cadre.platform.simulation;

/** A simulation that could not be run to its end; the message says why. */
public final class SimulationException extends RuntimeException {

    /** @param message why */
    public SimulationException(String message) {
        super(message);
    }
}
