/**
 * The Cadre plugin API, version 1: everything a handler author codes against.
 *
 * <p>A handler is a class implementing {@link dev.cadre.plugin.api.ActivityHandler}. Templates name it
 * by {@link dev.cadre.plugin.api.ActivityHandler#name()} in their {@code handler_name} column, and the
 * host calls {@link dev.cadre.plugin.api.ActivityHandler#execute(ActivityContext)} once per activity
 * attempt. Declare each handler in {@code META-INF/services/dev.cadre.plugin.api.ActivityHandler} (or
 * annotate it with PF4J's {@code @Extension}), package it as a JAR whose manifest carries
 * {@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Provider} and {@code Plugin-Requires}, and
 * drop it into the host's plugins directory.
 *
 * <p>Values crossing this API are JSON-compatible plain Java: {@code Map<String, Object>},
 * {@code List<Object>}, {@code String}, numbers, booleans and {@code null}. Large data belongs in the
 * {@link dev.cadre.plugin.api.ArtifactStore}, never in results.
 */
package dev.cadre.plugin.api;
