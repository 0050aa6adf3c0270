package dev.cadre.platform.host;

import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.cluster.ClusterHandlers;
import dev.cadre.platform.cluster.ClusterNode;
import dev.cadre.platform.cluster.HandlerQueueWorkers;
import dev.cadre.platform.cluster.HandlerRoutes;
import dev.cadre.platform.cluster.LostRunWatch;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.engine.EngineWorker;
import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.RunRecovery;
import dev.cadre.platform.engine.TemporalConnection;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.metrics.HostMetrics;
import dev.cadre.platform.metrics.PluginGauges;
import dev.cadre.platform.metrics.TaskGauges;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.plugins.PluginHandlerRegistry;
import dev.cadre.platform.runs.Application;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateEntities;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateValidator;
import dev.cadre.platform.users.UserDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a running host: metrics, database, plugin registry, Temporal connection, the
 * services wired over them ({@link HostServices}, the same wiring tests use) and the worker, built from
 * one {@link CadreConfig} and closed in reverse order.
 */
public final class CadreHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CadreHost.class);

    private final CadreConfig config;
    private final HostMetrics metrics;
    private final Database database;
    private final PluginHandlerRegistry handlers;
    private final ClusterNode cluster;
    private final HostServices services;
    private final TemporalConnection temporal;
    private final EngineWorker worker;
    private final Workflows workflows;
    private final RunRecovery recovery;
    private final Application application;
    private final Deque<AutoCloseable> closeables;

    private CadreHost(Builder b) {
        this.config = b.config;
        this.metrics = b.metrics;
        this.database = b.database;
        this.handlers = b.handlers;
        this.cluster = b.cluster;
        this.services = b.services;
        this.temporal = b.temporal;
        this.worker = b.worker;
        this.workflows = b.workflows;
        this.recovery = b.recovery;
        this.application = b.services.application(b.workflows, b.recovery);
        this.closeables = b.closeables;
    }

    /**
     * Starts every part; if one fails, the parts already started are closed again.
     *
     * @param config the host configuration
     * @return the running host
     */
    public static CadreHost start(CadreConfig config) {
        return start(config, BuiltinHandlerRegistry.fromClassPath());
    }

    /**
     * Starts a host with the given built-in handlers (embedding applications and tests add their own).
     *
     * @param config   the host configuration
     * @param builtins the handlers on the host's class path
     * @return the running host
     */
    public static CadreHost start(CadreConfig config, BuiltinHandlerRegistry builtins) {
        long started = System.nanoTime();
        Builder b = new Builder(config);
        StartupTimes times = new StartupTimes();
        // the plugins and Temporal (the embedded server's start is seconds) need no database: they start alongside it
        java.util.concurrent.ExecutorService alongside = java.util.concurrent.Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "cadre-start");
            thread.setDaemon(true);
            return thread;
        });
        java.util.concurrent.Future<PluginHandlerRegistry> plugins = null;
        java.util.concurrent.Future<TemporalConnection> temporal = null;
        try {
            dev.cadre.platform.persistence.OwnerOnly.secure(config.dataDir()); // secrets, binaries and plugins: owner-only
            b.metrics = b.own(HostMetrics.start());
            MeterRegistry meters = b.metrics.registry();
            plugins = alongside.submit(() -> times.time("plugins", () -> {
                BundledPlugins.seed(config);
                return PluginHandlerRegistry.open(config, builtins);
            }));
            temporal = alongside.submit(() -> times.time("Temporal", () -> TemporalConnection.open(config, b.metrics.temporalScope())));
            b.database = b.own(times.time("database", () -> Database.open(config, TemplateEntities.all(), meters)));
            b.handlers = b.own(joined(plugins));
            b.cluster = b.own(times.time("cluster", () -> ClusterNode.join(config.dataDir(), b.database.dataSource(), b.handlers,
                    builtins.handlers().keySet(), ClusterNode.Timing.DEFAULT, config.pluginMaxVersions())));
            b.temporal = b.own(joined(temporal));
            long wiring = System.nanoTime();
            b.services = b.own(HostServices.build(config, b.database, new ClusterHandlers(b.handlers, b.cluster), meters));
            b.worker = b.own(EngineWorker.start(b.temporal.client(), config.taskQueue(), config.workerActivitySlots(),
                    b.services.engineActivities(), b.services.expressions(), b.temporal.stickyExecutionSafe(),
                    new HandlerRoutes(config.taskQueue(), builtins.handlers().keySet())));
            HandlerQueueWorkers queues = b.own(new HandlerQueueWorkers(b.temporal.client(), config.taskQueue(),
                    config.workerActivitySlots(), b.services.engineActivities().handlers(), pluginHandlers(b.handlers)));
            queues.refresh();
            b.cluster.afterPass(queues::refresh);
            b.workflows = b.services.workflows(b.temporal.client());
            b.recovery = b.services.recovery(b.temporal.client());
            times.put("services and workers", (System.nanoTime() - wiring) / 1_000_000);
            times.time("recovery", () -> {
                b.recovery.reconcile();
                return null;
            });
            b.own(new LostRunWatch(b.database.dataSource(), b.recovery, LostRunWatch.EVERY));
            PluginGauges.register(meters, b.handlers::plugins);
            TaskGauges tasks = new TaskGauges(b.database.dataSource(), meters, java.time.Clock.systemUTC());
            b.metrics.beforeScrape(tasks::refresh);
        } catch (RuntimeException e) {
            // what started alongside and is not owned yet is closed too, once it has ended
            closeLater(plugins, b.handlers);
            closeLater(temporal, b.temporal);
            closeAll(b.closeables);
            throw e;
        } finally {
            alongside.shutdown();
        }
        log.info("Cadre host started in {} ms (home {}): {} ({}); plugins and Temporal alongside the database",
                (System.nanoTime() - started) / 1_000_000, config.home(), times, b.database.openedIn());
        return new CadreHost(b);
    }

    /** @return what a part started alongside returned, or its failure as it was thrown */
    private static <T> T joined(java.util.concurrent.Future<T> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the host started", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Closes what a part started alongside opened, unless the host owns it already. */
    private static void closeLater(java.util.concurrent.Future<? extends AutoCloseable> part, AutoCloseable owned) {
        if (part == null || owned != null) {
            return;
        }
        try {
            part.get().close();
        } catch (Exception e) {
            log.debug("Closing a part of a failed start: {}", e.toString());
        }
    }

    /** @return the handler queues to poll: {@code Handler} (newest release) and {@code Handler@version} (each loaded release) */
    private static java.util.function.Supplier<java.util.Set<String>> pluginHandlers(PluginHandlerRegistry registry) {
        return () -> java.util.stream.Stream.concat(registry.releaseHandlers().stream(), registry.handlers().entrySet().stream().filter(entry -> !entry.getValue().isBuiltin())
                .map(java.util.Map.Entry::getKey)).collect(java.util.stream.Collectors.toSet());
    }

    /** @return this host as a member of the cluster: plugin releases, hosts */
    public ClusterNode cluster() {
        return cluster;
    }

    /** @return the configuration */
    public CadreConfig config() {
        return config;
    }

    /** @return the host's meters, scraped by {@code GET /metrics} */
    public HostMetrics metrics() {
        return metrics;
    }

    /** @return the JSON codec */
    public Json json() {
        return services.json();
    }

    /** @return the database */
    public Database database() {
        return database;
    }

    /** @return the handler registry (built-ins and plugins) */
    public PluginHandlerRegistry handlers() {
        return handlers;
    }

    /** @return the template service */
    public TemplateService templates() {
        return services.templates();
    }

    /** @return checks template documents (the template service's own validator) */
    public TemplateValidator validator() {
        return services.validator();
    }

    /** @return simulations of templates, on request and before publishing */
    public dev.cadre.platform.simulation.TemplateSimulations simulations() {
        return services.simulations();
    }

    /** @return reads and writes template documents */
    public TemplateDocuments documents() {
        return services.documents();
    }

    /** @return the run records */
    public RunRecords records() {
        return services.records();
    }

    /** @return the application layer the REST endpoint and the console call: runs, tasks, artifacts */
    public Application application() {
        return application;
    }

    /** @return the parameter files starts name and fan-outs read */
    public dev.cadre.platform.engine.ParameterFiles parameterFiles() {
        return services.parameterFiles();
    }

    /** @return the artifact storage */
    public Artifacts artifacts() {
        return services.artifacts();
    }

    /** @return the Temporal connection */
    public TemporalConnection temporal() {
        return temporal;
    }

    /** @return the worker */
    public EngineWorker worker() {
        return worker;
    }

    /** @return the workflow operations */
    public Workflows workflows() {
        return workflows;
    }

    /** @return the people who work in Cadre: users, roles, tokens */
    public UserDirectory users() {
        return services.users();
    }

    /** @return the platform's own audit log */
    public AuditLog audit() {
        return services.audit();
    }

    /** @return which Cadre roles a value of the identity provider's roles claim grants */
    public dev.cadre.platform.sso.RoleMappings roleMappings() {
        return services.roleMappings();
    }

    /** @return single sign-on, when {@code CADRE_OIDC_ISSUER} is set */
    public java.util.Optional<dev.cadre.platform.sso.SingleSignOn> singleSignOn() {
        return services.singleSignOn();
    }

    /** @return continues runs from their records (resume, migrate, reconcile) */
    public RunRecovery recovery() {
        return recovery;
    }

    /**
     * Hands a part to the host to close, before everything it was built from.
     *
     * @param closeable something started on top of the host, such as the admin endpoint
     * @param <T>       its type
     * @return the same part
     */
    public <T extends AutoCloseable> T own(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    /** Stops in reverse order of start: the worker finishes in-flight activities before the database closes. */
    @Override
    public void close() {
        log.info("Cadre host stopping");
        closeAll(closeables);
        log.info("Cadre host stopped");
    }

    private static void closeAll(Deque<AutoCloseable> closeables) {
        while (!closeables.isEmpty()) {
            AutoCloseable closeable = closeables.pop();
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static final class Builder {
        final CadreConfig config;
        final Deque<AutoCloseable> closeables = new ArrayDeque<>();
        HostMetrics metrics;
        Database database;
        PluginHandlerRegistry handlers;
        ClusterNode cluster;
        HostServices services;
        TemporalConnection temporal;
        EngineWorker worker;
        Workflows workflows;
        RunRecovery recovery;

        Builder(CadreConfig config) {
            this.config = config;
        }

        <T extends AutoCloseable> T own(T closeable) {
            closeables.push(closeable);
            return closeable;
        }
    }
}
