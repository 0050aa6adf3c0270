package dev.cadre.platform.api;

/**
 * The one error body of the admin endpoint: {@code {"error": ..., "message": ..., "details": ...}}.
 *
 * @param error   a short stable code, e.g. {@code workflow_not_found}
 * @param message a sentence for a person
 * @param details structured extras (validation problems, the allowed values), or {@code null}
 */
record ApiError(String error, String message, Object details) {
}
