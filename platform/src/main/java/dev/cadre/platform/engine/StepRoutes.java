package dev.cadre.platform.engine;

/**
 * Which task queue a step's handler activity goes to. A host polls a handler's own queue only while
 * it has that handler loaded, so a step is only ever handed to a host that can run it; when no host
 * polls the queue, the step waits there without using attempts. Must answer the same on every host of
 * a deployment for the same handler, since workflow code asks it.
 */
@FunctionalInterface
public interface StepRoutes {

    /** Every step on the workflow's own queue: one host, or tests. */
    StepRoutes MAIN = handlerName -> null;

    /**
     * @param handlerName a step's handler
     * @return the task queue of its activity, or {@code null} for the workflow's own queue
     */
    String queueFor(String handlerName);

    /**
     * @param handlerName a step's handler
     * @param release     the exact plugin release version the step is pinned to, or {@code null}
     * @return the queue of that release of the handler (polled only by hosts that loaded it), or of the handler
     */
    default String queueFor(String handlerName, String release) {
        String queue = queueFor(handlerName);
        return queue == null || release == null ? queue : queue + "@" + release;
    }

    /**
     * @param mainQueue   the deployment's task queue
     * @param handlerName a plugin handler
     * @return the queue its steps go to
     */
    static String handlerQueue(String mainQueue, String handlerName) {
        return mainQueue + "@" + handlerName;
    }
}
