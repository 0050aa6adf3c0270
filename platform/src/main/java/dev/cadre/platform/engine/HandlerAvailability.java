package dev.cadre.platform.engine;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Waits, on the worker side, for a handler to be installed. The workflow calls it when a step found
 * no handler: Temporal retries it server-side (no history per try) until a plugin provides the
 * handler, and the step then runs with all its attempts.
 */
@ActivityInterface(namePrefix = "Cadre")
public interface HandlerAvailability {

    /**
     * Returns once a handler of that name is loaded on this host; fails retryably otherwise.
     *
     * @param handlerName the handler a step needs
     */
    @ActivityMethod
    void awaitHandler(String handlerName);

    /**
     * Asked (as a local activity) when a step was not taken from its handler's queue in time: a live host
     * that has the handler means the hosts are busy, not missing.
     *
     * @param handlerName the step's handler
     * @return whether this host or any live host of the cluster has it
     */
    @ActivityMethod
    boolean served(String handlerName);
}
