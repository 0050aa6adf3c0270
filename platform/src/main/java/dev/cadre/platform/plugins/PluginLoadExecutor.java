package dev.cadre.platform.plugins;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plugin loads on their own daemon threads with a time limit, so plugin code never runs on an HTTP
 * worker or the directory watcher, and a load that hangs costs its caller at most the limit: the caller
 * gets a {@link PluginProblem#LOAD_TIMEOUT} naming where the load was stuck, and the load is abandoned
 * (its thread interrupted, what it loaded released as far as possible, the rest undone if it ever ends).
 * Any {@link Throwable} of a load, {@link Error}s included, comes back as a {@link PluginException}.
 *
 * <p>Unloads run here too ({@link #execute}, {@link #runWithin}): PF4J calls the plugin's {@code stop()},
 * which must not stall the directory watcher or the host's shutdown either.
 */
final class PluginLoadExecutor implements Executor, AutoCloseable {

    /** The time limit when none is configured. */
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);

    /** How long {@link #close} waits for loads still running before it gives up on them. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(PluginLoadExecutor.class);

    private enum State { RUNNING, DONE, ABANDONED }

    private final Duration limit;
    private final ExecutorService threads;
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param limit how long one load may take */
    PluginLoadExecutor(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the plugin load time limit must be positive, got " + limit);
        }
        this.limit = limit;
        ClassLoader host = PluginLoadExecutor.class.getClassLoader();
        AtomicInteger serial = new AtomicInteger();
        // a thread per load (a hung one keeps its thread); daemons, so a hung load never keeps the JVM up
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "cadre-plugin-loader-" + serial.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(host);
            return thread;
        });
    }

    Duration limit() {
        return limit;
    }

    /**
     * Runs the task on a loader thread and waits for it, at most the time limit.
     *
     * @param jar  the plugin being loaded, for messages
     * @param task the load
     * @param <T>  its result
     * @return what the task yielded
     * @throws PluginException why it failed: the task's own, {@link PluginProblem#LOAD_TIMEOUT}, or
     *                         {@link PluginProblem#HANDLER_ERROR} for any other throwable
     */
    <T> T run(PluginJar jar, LoadTask<T> task) {
        if (closed) {
            throw closing(jar);
        }
        LoadProgress progress = new LoadProgress();
        AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
        Future<T> future;
        try {
            future = threads.submit(() -> loadOnThisThread(jar, task, progress, state));
        } catch (RejectedExecutionException e) {
            throw closing(jar);
        }
        running.add(future);
        if (closed) {
            future.cancel(true); // close() ran between the check above and now
        }
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return abandon(jar, task, progress, state, future, "timed out after " + seconds(limit) + " while ");
        } catch (CancellationException e) {
            return abandon(jar, task, progress, state, future, "abandoned (the host is closing) while ");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandon(jar, task, progress, state, future, "abandoned (the waiting thread was interrupted) while ");
        } catch (ExecutionException e) {
            throw failure(jar, e.getCause());
        } finally {
            running.remove(future);
        }
    }

    private static <T> T loadOnThisThread(PluginJar jar, LoadTask<T> task, LoadProgress progress,
                                          AtomicReference<State> state) {
        progress.runningOn(Thread.currentThread());
        T result;
        try {
            result = task.load(progress);
        } catch (Throwable e) {
            if (state.get() == State.ABANDONED) {
                log.info("Plugin {}: the abandoned load ended with {}", jar.label(), e.toString());
            }
            throw e;
        }
        if (!state.compareAndSet(State.RUNNING, State.DONE)) {
            log.info("Plugin {}: the abandoned load ended after all; unloading what it loaded", jar.label());
            try {
                task.discard(result);
            } catch (Throwable e) {
                log.warn("Plugin {}: could not undo the abandoned load: {}", jar.label(), e.toString());
            }
            return null;
        }
        return result;
    }

    private <T> T abandon(PluginJar jar, LoadTask<T> task, LoadProgress progress, AtomicReference<State> state,
                          Future<T> future, String what) {
        if (!state.compareAndSet(State.RUNNING, State.ABANDONED)) {
            // it finished at the very moment the wait ended: take its outcome
            try {
                return future.get();
            } catch (ExecutionException e) {
                throw failure(jar, e.getCause());
            } catch (InterruptedException | CancellationException e) {
                Thread.currentThread().interrupt();
                throw closing(jar);
            }
        }
        String where = progress.step();
        String frame = progress.pluginFrame();
        future.cancel(true);
        try {
            task.abandon();
        } catch (RuntimeException e) {
            log.warn("Plugin {}: could not release the abandoned load: {}", jar.label(), e.toString());
        }
        String reason = "loading " + what + where + (frame == null ? "" : " (stuck in " + frame + ")");
        // the catalog logs the failure itself (one WARN line per plugin)
        log.info("Plugin {}: {}; its loader thread is abandoned", jar.label(), reason);
        throw new PluginException(jar.id(), PluginProblem.LOAD_TIMEOUT, reason);
    }

    /** Errors are plugin failures too; one that means the JVM itself is in trouble is logged as such. */
    private static PluginException failure(PluginJar jar, Throwable cause) {
        if (cause instanceof PluginException pluginException) {
            return pluginException;
        }
        if (cause instanceof VirtualMachineError) {
            log.error("Plugin {}: the JVM failed while loading it: {}", jar.label(), cause.toString());
        }
        return new PluginException(jar.id(), PluginProblem.HANDLER_ERROR,
                "cannot load: " + GenerationLoader.describe(cause));
    }

    private static PluginException closing(PluginJar jar) {
        return new PluginException(jar.id(), PluginProblem.LOAD_TIMEOUT, "not loaded: the host is closing");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * Runs plugin code that needs no answer (an unload) on a loader thread, without a time limit.
     *
     * @throws RejectedExecutionException once closed
     */
    @Override
    public void execute(Runnable work) {
        threads.execute(work);
    }

    /**
     * Runs plugin code on a loader thread and waits for it at most {@code wait}.
     *
     * @return whether it ended in time; if not, it is interrupted and left to end on its own
     */
    boolean runWithin(Runnable work, Duration wait) {
        Future<?> future;
        try {
            future = threads.submit(work);
        } catch (RejectedExecutionException e) {
            return false;
        }
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            future.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            log.warn("Plugin code failed while the host was closing: {}", e.getCause().toString());
            return true;
        }
    }

    /** Refuses new loads and abandons the ones running: their callers get an answer at once. */
    void abandonLoads() {
        closed = true;
        running.forEach(future -> future.cancel(true));
    }

    /**
     * Abandons the loads still running and waits briefly for the loader threads; threads stuck in plugin
     * code are given up on with a log line (they are daemons).
     */
    @Override
    public void close() {
        abandonLoads();
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Plugin loader threads still stuck in plugin code after {}; giving up on them", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
