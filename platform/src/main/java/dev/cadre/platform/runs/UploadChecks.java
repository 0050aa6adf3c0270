package dev.cadre.platform.runs;

import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.TemplateCatalog;
import dev.cadre.platform.plugins.HandlerLease;
import dev.cadre.platform.plugins.HandlerRegistry;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.ReworkRules;
import dev.cadre.platform.templates.Template;
import dev.cadre.plugin.api.Artifact;
import dev.cadre.plugin.api.ArtifactStore;
import dev.cadre.plugin.api.UploadCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a person's file when it is submitted, so a bad file is refused on their task while they are still
 * there, rather than failing (or handing back) a step later. The checkers are the automated steps that validate
 * the task's work: those whose {@code config.onFailure.returnTo} names the task. Each one's handler is leased and,
 * if it offers {@link UploadCheck}, runs on the bytes with a deadline (the caller is a request thread). A check
 * that throws, runs out of time or cannot be started does not block the upload: it is logged and the step still
 * validates the file when it runs.
 */
public final class UploadChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UploadChecks.class);
    /** Files larger than this are left to the step (a check reads the whole file into memory). */
    static final long MAX_CHECKED_BYTES = 32L * 1024 * 1024;

    private final TemplateCatalog catalog;
    private final RunRecords records;
    private final HandlerRegistry handlers;
    private final Artifacts artifacts;
    private final Duration deadline;
    private final ThreadPoolExecutor pool;

    /**
     * @param catalog  template versions (which steps check which task)
     * @param records  runs (their start parameters)
     * @param handlers where the checking steps' handlers are leased
     * @param artifacts the run's artifacts, shown read-only to a check
     * @param deadline how long one check may take before the upload is accepted unchecked
     */
    public UploadChecks(TemplateCatalog catalog, RunRecords records, HandlerRegistry handlers, Artifacts artifacts, Duration deadline) {
        this.catalog = catalog;
        this.records = records;
        this.handlers = handlers;
        this.artifacts = artifacts;
        this.deadline = deadline;
        AtomicInteger count = new AtomicInteger();
        // a few threads and a short queue: a check that hangs holds one thread, never the request
        this.pool = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), runnable -> {
            Thread thread = new Thread(runnable, "cadre-upload-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param task        the person's waiting task the file belongs to
     * @param runId       the run's internal id
     * @param name        the artifact name the file would be stored under
     * @param contentType what the uploader declared, or {@code null}
     * @param content     the file
     * @return the problems the checking steps' handlers found; empty when none (or none could check)
     */
    public List<String> problems(WaitingTask task, long runId, String name, String contentType, Upload content) {
        Optional<Template> template = catalog.find(task.template(), task.version());
        if (template.isEmpty()) {
            return List.of();
        }
        List<ActivityTemplate> checkers = template.get().phases().stream().flatMap(p -> p.activities().stream())
                .filter(a -> !a.manual() && a.handler() != null)
                .filter(a -> ReworkRules.onFailure(a).map(rule -> rule.from().equals(task.code())).orElse(false))
                .toList();
        if (checkers.isEmpty()) {
            return List.of();
        }
        if (content.size() > MAX_CHECKED_BYTES) {
            log.info("{} of {} is {} bytes, over {}: left to the step to check", name, task.workflowId(), content.size(), MAX_CHECKED_BYTES);
            return List.of();
        }
        byte[] bytes = read(content);
        Map<String, Object> parameters = records.run(task.workflowId()).map(RunRecords.RunInfo::parameters).orElse(Map.of());
        ArtifactStore readOnly = new ReadOnlyStore(artifacts, runId);
        List<String> problems = new ArrayList<>();
        for (ActivityTemplate checker : checkers) {
            UploadCheck.Upload upload = new UploadCheck.Upload(task.workflowId(), checker.code(), task.instanceId(), name, contentType,
                    bytes.clone(), checker.config(), parameters, readOnly);
            problems.addAll(check(checker, upload));
        }
        return problems;
    }

    private List<String> check(ActivityTemplate checker, UploadCheck.Upload upload) {
        String handlerName = checker.handler();
        String release = checker.handlerRelease();
        Optional<HandlerLease> leased = release == null ? handlers.lease(handlerName) : handlers.lease(handlerName, release);
        if (leased.isEmpty()) {
            log.warn("{} of {} is not checked on upload: handler {} of step {} is not loaded here", upload.artifactName(), upload.workflowId(),
                    handlerName, checker.code());
            return List.of();
        }
        if (!(leased.get().handler() instanceof UploadCheck)) {
            leased.get().close();
            return List.of();
        }
        Future<List<String>> running;
        try {
            // the lease stays open while the check runs: its plugin is not unloaded under it
            running = pool.submit(() -> {
                try (HandlerLease lease = leased.get()) {
                    List<String> found = ((UploadCheck) lease.handler()).checkUpload(upload);
                    return found == null ? List.<String>of() : List.copyOf(found);
                }
            });
        } catch (RejectedExecutionException e) {
            leased.get().close();
            log.warn("{} of {} is not checked on upload: too many checks are running", upload.artifactName(), upload.workflowId());
            return List.of();
        }
        try {
            return running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            log.warn("{} of {} accepted unchecked: {}'s upload check took over {}", upload.artifactName(), upload.workflowId(), handlerName, deadline);
        } catch (ExecutionException e) {
            log.warn("{} of {} accepted unchecked: {}'s upload check failed", upload.artifactName(), upload.workflowId(), handlerName, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
        }
        return List.of();
    }

    private static byte[] read(Upload content) {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the spilled upload could not be read", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** The run's artifacts as a check sees them: it may read, never write. */
    private record ReadOnlyStore(Artifacts artifacts, long runId) implements ArtifactStore {
        @Override
        public Artifact put(String name, String contentType, byte[] content) {
            throw new UnsupportedOperationException("an upload check may not store artifacts (it tried '" + name + "')");
        }

        @Override
        public Optional<Artifact> get(String name) {
            return artifacts.get(runId, name);
        }

        @Override
        public List<String> list() {
            return artifacts.list(runId).stream().map(Artifacts.Info::name).toList();
        }
    }
}
