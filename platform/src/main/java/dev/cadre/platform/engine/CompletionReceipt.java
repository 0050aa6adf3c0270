package dev.cadre.platform.engine;

/**
 * The workflow's answer to an accepted completion.
 *
 * @param step    the step completed
 * @param outcome the outcome recorded
 */
public record CompletionReceipt(String step, Outcome outcome) {
}
