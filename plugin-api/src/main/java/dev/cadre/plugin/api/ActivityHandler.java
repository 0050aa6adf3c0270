package dev.cadre.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Does the work of one kind of workflow step.
 *
 * <p>The host creates one instance per handler class and calls it from many threads at once, for many
 * workflows: keep no per-call state in fields. Every call gets its own {@link ActivityContext}.
 *
 * <p>Activities run <em>at least once</em>: after a worker crash or a timeout the same activity may be
 * executed again, so {@link #execute} must be idempotent (same inputs, same outputs and artifacts).
 *
 * <p>Failing: throw {@link ActivityFailure#nonRetryable(String, String)} for input that will never
 * work, {@link ActivityFailure#retryable(String, String)} (or any other exception) for trouble that may
 * pass; the template's retry policy decides how often the host tries again.
 */
public interface ActivityHandler extends ExtensionPoint {

    /**
     * The name templates use in {@code handler_name} to pick this handler, for example
     * {@code GenerateTestCasesHandler}. Must be non-blank and unique in the host: a plugin whose
     * handler name is already taken (by a built-in or another plugin) is not started.
     *
     * @return the handler name, constant for the life of the instance
     */
    String name();

    /**
     * Runs one attempt of an activity.
     *
     * @param context what this activity is about: workflow, parameters, config, upstream outputs,
     *                the fan-out instance, artifacts and a logger
     * @return {@link ActivityResult#completed(java.util.Map)} with a small JSON-compatible output
     *         (upstream activities and conditions read it), or {@link ActivityResult#skipped(String)}
     * @throws Exception any failure; see the class comment for how failures are retried
     */
    ActivityResult execute(ActivityContext context) throws Exception;

    /**
     * Undoes a completed execution when the workflow fails or is cancelled later (saga compensation).
     * The host calls it for completed activities in reverse order of completion. The default does
     * nothing, which suits handlers whose effects are confined to the workflow's own artifacts.
     *
     * @param context   the context of the activity being compensated
     * @param completed the result the activity completed with
     * @throws Exception when compensation failed; it is retried under the activity's retry policy
     */
    default void compensate(ActivityContext context, ActivityResult completed) throws Exception {
    }

    /**
     * The shape of the output {@link #execute} completes with, so templates that read it are
     * type-checked before they run ({@code outputs.CODE.field} in a condition): field name to
     * declaration in the form {@link Shapes} reads, for example
     * {@code Map.of("score", Map.of("type", "number", "required", true))}. The test kit checks a
     * handler's real output against it. The default, an empty map, declares nothing: expressions
     * reading the output are then unchecked (the host warns). Since plugin API 1.2.
     *
     * @return field name to declaration; empty when undeclared
     */
    default java.util.Map<String, Object> outputShape() {
        return java.util.Map.of();
    }
}
