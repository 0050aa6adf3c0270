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
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the queue of every plugin handler loaded on this host, and only those: a handler that comes
 * gets a worker on its queue, one that goes has its worker stopped (activities already running finish).
 * One worker factory per handler, since Temporal cannot add a worker to a started factory.
 *
 * <p>A worker is never stopped in the middle of a poll: shutting a factory down cancels its polls, and
 * a task the server matched to a poll just before the cancel reached it is marked started yet never
 * run, so its step sticks until its StartToClose. A handler that goes therefore first has its polling
 * suspended (no new poll starts), and its factory is shut down only once every poll already out has
 * had time to return ({@link #retireAfter}, the client's long-poll deadline). A task such a poll still
 * brings is run (and fails {@code HandlerNotFound} when its release is gone, so the step re-routes); a
 * handler that comes back meanwhile resumes the same worker.
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
    /** Factories whose polling is suspended, shut down once their last poll has returned. */
    private final Map<String, WorkerFactory> retiring = new TreeMap<>();
    private final Duration retireAfter;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cadre-handler-queue-reaper");
        thread.setDaemon(true);
        return thread;
    });
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
        // a poll out when polling is suspended returns by the client's long-poll deadline at the latest
        this.retireAfter = client.getWorkflowServiceStubs().getOptions().getRpcLongPollTimeout().plusSeconds(5);
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
                factory.suspendPolling(); // no new poll; one already out may still bring a task, which runs
                retiring.put(handler, factory);
                reaper.schedule(() -> retire(handler, factory), retireAfter.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Stopped polling the queue of handler {} (no longer loaded here)", handler);
            }
        }
        for (String handler : wanted) {
            WorkerFactory back = retiring.remove(handler);
            if (back != null) {
                back.resumePolling();
                workers.put(handler, back);
                log.info("Polling the queue of handler {} again", handler);
            } else if (!workers.containsKey(handler)) {
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

    /** Shuts a suspended factory down unless its handler came back meanwhile; its polls have all returned. */
    private synchronized void retire(String handler, WorkerFactory factory) {
        if (retiring.remove(handler, factory)) {
            factory.shutdown(); // running activities finish
            log.debug("Worker of handler {}'s queue shut down", handler);
        }
    }

    /** @return the handlers whose queues this host polls */
    public synchronized Set<String> polled() {
        return Set.copyOf(workers.keySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        reaper.shutdownNow();
        workers.putAll(retiring);
        retiring.clear();
        workers.values().forEach(WorkerFactory::shutdown);
        workers.values().forEach(factory -> factory.awaitTermination(30, TimeUnit.SECONDS));
        workers.clear();
    }
}
