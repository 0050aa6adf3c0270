package dev.cadre.platform.engine;

import dev.cadre.platform.expressions.ExpressionEngine;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal worker of a host: polls the task queue for {@link TemplateWorkflow} tasks and for
 * activities of every handler name (one {@link HandlerActivity}), plus the workflow's bookkeeping.
 */
public final class EngineWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineWorker.class);

    private final WorkerFactory factory;

    private EngineWorker(WorkerFactory factory) {
        this.factory = factory;
    }

    /**
     * Registers the engine on a worker of the given factory's task queue (does not start it).
     *
     * @param worker      the worker
     * @param activities  the engine's activities
     * @param expressions the host's CEL engine, which the workflows evaluate conditions and fan-outs with
     */
    public static void register(Worker worker, EngineActivities activities, ExpressionEngine expressions) {
        register(worker, activities, expressions, StepRoutes.MAIN);
    }

    /**
     * As {@link #register(Worker, EngineActivities, ExpressionEngine)}, with each handler's steps sent to
     * the queue {@code routes} names (polled by {@code HandlerQueueWorkers} where the handler is loaded).
     *
     * @param worker      the worker
     * @param activities  the engine's activities
     * @param expressions the host's CEL engine
     * @param routes      which queue each handler's steps go to
     */
    public static void register(Worker worker, EngineActivities activities, ExpressionEngine expressions, StepRoutes routes) {
        registerWorkflows(worker, expressions, routes);
        worker.registerActivitiesImplementations(activities.handlers(), activities.records(), activities.availability(),
                activities.notifications());
    }

    /**
     * Registers the engine's workflows only, as replaying a recorded history needs them.
     *
     * @param worker      the worker
     * @param expressions the CEL engine the workflows evaluate conditions and fan-outs with
     */
    public static void registerWorkflows(Worker worker, ExpressionEngine expressions) {
        registerWorkflows(worker, expressions, StepRoutes.MAIN);
    }

    /**
     * Registers the engine's workflows with each handler's steps sent to the queue {@code routes} names.
     *
     * @param worker      the worker
     * @param expressions the CEL engine the workflows evaluate conditions and fan-outs with
     * @param routes      which queue each handler's steps go to
     */
    public static void registerWorkflows(Worker worker, ExpressionEngine expressions, StepRoutes routes) {
        worker.registerWorkflowImplementationFactory(TemplateWorkflow.class, () -> new TemplateWorkflowImpl(expressions, routes));
        worker.registerWorkflowImplementationFactory(FanOutBatchWorkflow.class, () -> new FanOutBatchWorkflowImpl(expressions, routes));
    }

    /**
     * Creates and starts a worker.
     *
     * @param client        the Temporal client
     * @param taskQueue     the queue every host of the deployment polls
     * @param activitySlots concurrent activities on this host (size the database pool with it)
     * @param activities    the engine's activities
     * @param expressions   the host's CEL engine
     * @param sticky        whether workflow tasks may stick to this worker's cache; off on the Java
     *                      test server shared by several hosts, which never moves a task off the sticky
     *                      queue of a dead worker (a cluster does, after the sticky ScheduleToStart timeout)
     * @return the running worker
     */
    public static EngineWorker start(WorkflowClient client, String taskQueue, int activitySlots, EngineActivities activities,
            ExpressionEngine expressions, boolean sticky) {
        return start(client, taskQueue, activitySlots, activities, expressions, sticky, StepRoutes.MAIN);
    }

    /**
     * As above, with each handler's steps sent to the queue {@code routes} names.
     *
     * @param routes which queue each handler's steps go to
     * @return the running worker
     */
    public static EngineWorker start(WorkflowClient client, String taskQueue, int activitySlots, EngineActivities activities,
            ExpressionEngine expressions, boolean sticky, StepRoutes routes) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        WorkerOptions.Builder options = WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(activitySlots)
                .setMaxConcurrentLocalActivityExecutionSize(activitySlots);
        if (!sticky) {
            options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
        }
        Worker worker = factory.newWorker(taskQueue, options.build());
        register(worker, activities, expressions, routes);
        factory.start();
        log.info("Worker polling task queue '{}' with {} activity slots{}", taskQueue, activitySlots,
                sticky ? "" : " (sticky workflow caching off: the shared test server cannot move tasks off a dead host's sticky queue)");
        return new EngineWorker(factory);
    }

    /** @return whether the worker is polling */
    public boolean isRunning() {
        return factory.isStarted() && !factory.isShutdown();
    }

    /** Stops polling and waits up to 30 s for in-flight activities to finish. */
    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(30, TimeUnit.SECONDS);
        if (!factory.isTerminated()) {
            log.warn("Worker did not finish its activities within 30 s; stopping anyway");
            factory.shutdownNow();
        }
    }
}
