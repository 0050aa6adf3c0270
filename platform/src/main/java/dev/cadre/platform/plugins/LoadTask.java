package dev.cadre.platform.plugins;

/**
 * Work that runs plugin code (class loading, static initialisers, {@code Plugin.start}, handler
 * constructors, {@code name()}) on a {@link PluginLoadExecutor} thread, with what to do when the host
 * stops waiting for it.
 *
 * @param <T> what a load yields
 */
interface LoadTask<T> {

    /**
     * Runs on a loader thread. Any failure must leave nothing loaded behind.
     *
     * @param progress where to say what it is doing, for a time-out's reason
     * @return the result
     */
    T load(LoadProgress progress);

    /**
     * Called on the waiting thread when the time limit passed: releases what can be released without
     * running plugin code (the thread may still be inside it). Must be idempotent.
     */
    void abandon();

    /**
     * Called on the loader thread when a load that was abandoned finishes after all: undoes it.
     *
     * @param result what the late load yielded
     */
    void discard(T result);
}
