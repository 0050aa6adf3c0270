package dev.cadre.platform.engine;

/**
 * The details a failed handler attempt carries back to the workflow, so the workflow can record who
 * ran it and how often without the activity writing step state itself.
 *
 * @param attempt the Temporal attempt that failed (1-based)
 * @param handler {@code builtin} or {@code plugin@version}, or {@code null} when no handler ran
 * @param sha256  the plugin JAR's SHA-256, or {@code null}
 */
public record StepAttempt(int attempt, String handler, String sha256) {
}
