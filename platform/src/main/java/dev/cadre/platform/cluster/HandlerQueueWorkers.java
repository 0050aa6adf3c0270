package dev.cadre.platform.cluster;

import dev.cadre.platform.engine.HandlerActivity;
import dev.cadre.platform.engine.StepRoutes;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the queue of every plugin handler loaded on this host, and only those: a handler that comes
 * gets a worker on its queue, one that goes has its worker stopped (activities already running finish).
 * One worker factory per handler, since Temporal cannot add a worker to a started factory.
 */
public final class HandlerQueueWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HandlerQueueWorkers.class);
    /** Pollers per handler queue: few, since a queue carries one handler's steps. */
    private static final int POLLERS = 2;

    private final WorkflowClient client;
    private final String mainQueue;
    private final int activitySlots;
    private final HandlerActivity activity;
    private final Supplier<Set<String>> loadedHandlers;
    private final Map<String, WorkerFactory> workers = new TreeMap<>();
    private boolean closed;

    /**
     * @param client         the Temporal client
     * @param mainQueue      the deployment's task queue
     * @param activitySlots  concurrent activities per handler queue
     * @param activity       the handler activity every queue's worker runs
     * @param loadedHandlers the plugin handler names loaded here now
     */
    public HandlerQueueWorkers(WorkflowClient client, String mainQueue, int activitySlots, HandlerActivity activity,
                               Supplier<Set<String>> loadedHandlers) {
        this.client = client;
        this.mainQueue = mainQueue;
        this.activitySlots = activitySlots;
        this.activity = activity;
        this.loadedHandlers = loadedHandlers;
    }

    /** Starts polling the queues of handlers loaded now and stops polling those of handlers gone. */
    public synchronized void refresh() {
        if (closed) {
            return;
        }
        Set<String> wanted = new HashSet<>(loadedHandlers.get());
        for (String handler : Set.copyOf(workers.keySet())) {
            if (!wanted.contains(handler)) {
                WorkerFactory factory = workers.remove(handler);
                factory.shutdown(); // running activities finish; nothing new is polled
                log.info("Stopped polling the queue of handler {} (no longer loaded here)", handler);
            }
        }
        for (String handler : wanted) {
            if (!workers.containsKey(handler)) {
                String queue = StepRoutes.handlerQueue(mainQueue, handler);
                WorkerFactory factory = WorkerFactory.newInstance(client);
                Worker worker = factory.newWorker(queue, WorkerOptions.newBuilder()
                        .setMaxConcurrentActivityExecutionSize(activitySlots)
                        .setMaxConcurrentActivityTaskPollers(POLLERS)
                        .build());
                worker.registerActivitiesImplementations(activity);
                factory.start();
                workers.put(handler, factory);
                log.info("Polling queue '{}' for handler {}", queue, handler);
            }
        }
    }

    /** @return the handlers whose queues this host polls */
    public synchronized Set<String> polled() {
        return Set.copyOf(workers.keySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        workers.values().forEach(WorkerFactory::shutdown);
        workers.values().forEach(factory -> factory.awaitTermination(30, TimeUnit.SECONDS));
        workers.clear();
    }
}
