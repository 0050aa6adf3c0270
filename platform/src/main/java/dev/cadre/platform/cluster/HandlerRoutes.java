package dev.cadre.platform.cluster;

import dev.cadre.platform.engine.StepRoutes;
import java.util.Set;

/**
 * The cluster's routing: built-in handlers (on every host of a deployment) stay on the main queue; a
 * plugin handler's steps go to a queue of its own, which only hosts with that handler loaded poll.
 *
 * @param mainQueue the deployment's task queue
 * @param builtins  the built-in handler names (the same on every host of one Cadre version)
 */
public record HandlerRoutes(String mainQueue, Set<String> builtins) implements StepRoutes {

    /** Copies the names. */
    public HandlerRoutes {
        builtins = Set.copyOf(builtins);
    }

    @Override
    public String queueFor(String handlerName) {
        return builtins.contains(handlerName) ? null : StepRoutes.handlerQueue(mainQueue, handlerName);
    }
}
