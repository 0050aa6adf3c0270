package dev.cadre.platform.cluster;

import dev.cadre.platform.plugins.PluginHandlerRegistry;
import dev.cadre.platform.plugins.PluginListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host as a member of the cluster: it reconciles its plugins with the database at start (before the
 * worker polls) and whenever a change is heard ({@code LISTEN cadre_plugins}) or the periodic check
 * comes round (the fallback for a notification missed while the listening connection was down), and
 * sends a heartbeat with where each release stands on it.
 */
public final class ClusterNode implements AutoCloseable {

    /** How often the host says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(3);
    /** How often the host reconciles even when it heard nothing. */
    public static final Duration PERIODIC_CHECK = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    /**
     * How the node keeps up with the cluster.
     *
     * @param heartbeat     how often it sends a heartbeat
     * @param periodicCheck how often it reconciles unasked
     * @param listen        whether it listens for notifications (tests turn it off to show the periodic check suffices)
     */
    public record Timing(Duration heartbeat, Duration periodicCheck, boolean listen) {
        /** The production timing. */
        public static final Timing DEFAULT = new Timing(HEARTBEAT, PERIODIC_CHECK, true);
    }

    private final String hostId;
    private Set<String> builtins = Set.of();
    private final DataSource dataSource;
    private final PluginStore store;
    private final ClusterHosts hosts;
    private final PluginReconciler reconciler;
    private final PluginHandlerRegistry registry;
    private final ScheduledExecutorService background;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final List<Runnable> afterPass = new CopyOnWriteArrayList<>();
    private final PluginListener pluginListener = plugin -> requestPass();
    private final Thread listener;
    private volatile boolean closed;
    private volatile String adminUrl;

    private ClusterNode(String hostId, DataSource dataSource, PluginHandlerRegistry registry, Path cacheDir, Timing timing,
                        int maxVersions) {
        this.hostId = hostId;
        this.dataSource = dataSource;
        this.registry = registry;
        this.store = new PluginStore(dataSource);
        this.hosts = new ClusterHosts(dataSource);
        this.reconciler = new PluginReconciler(store, registry, new JarCache(cacheDir, store),
                "plugins directory on " + hostName(), maxVersions);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "cadre-cluster");
            thread.setDaemon(true);
            return thread;
        });
        executor.prestartAllCoreThreads();
        this.background = executor;
        this.listener = timing.listen() ? new Thread(this::listen, "cadre-cluster-listen") : null;
    }

    /**
     * Joins the cluster: loads every enabled release (returning only when done, so the worker started
     * after it polls with them), registers the host and starts following changes.
     *
     * @param dataDir    the host's data directory (its id and its JAR cache live there)
     * @param dataSource the cluster's database
     * @param registry   this host's plugins
     * @param builtins   the built-in handler names
     * @param timing     how it keeps up
     * @return the running node
     */
    public static ClusterNode join(Path dataDir, DataSource dataSource, PluginHandlerRegistry registry, Set<String> builtins,
                                   Timing timing) {
        return join(dataDir, dataSource, registry, builtins, timing, PluginReconciler.DEFAULT_MAX_VERSIONS);
    }

    /**
     * As {@link #join(Path, DataSource, PluginHandlerRegistry, Set, Timing)}.
     *
     * @param maxVersions how many releases of one plugin this host loads side by side ({@code CADRE_PLUGIN_MAX_VERSIONS})
     */
    public static ClusterNode join(Path dataDir, DataSource dataSource, PluginHandlerRegistry registry, Set<String> builtins,
                                   Timing timing, int maxVersions) {
        ClusterNode node = new ClusterNode(hostId(dataDir), dataSource, registry, dataDir.resolve("plugin-cache"), timing, maxVersions);
        node.builtins = Set.copyOf(builtins);
        node.reconciler.reconcile();
        node.hosts.register(new ClusterHost(node.hostId, hostName(), ProcessHandle.current().pid(), cadreVersion(), null,
                Instant.now(), Instant.now(), true, List.copyOf(builtins), List.of()));
        node.heartbeat();
        registry.addListener(node.pluginListener);
        node.background.scheduleWithFixedDelay(node::heartbeat, timing.heartbeat().toMillis(), timing.heartbeat().toMillis(),
                TimeUnit.MILLISECONDS);
        node.background.scheduleWithFixedDelay(node::requestPass, timing.periodicCheck().toMillis(),
                timing.periodicCheck().toMillis(), TimeUnit.MILLISECONDS);
        if (node.listener != null) {
            node.listener.setDaemon(true);
            node.listener.start();
        }
        log.info("Host {} joined the cluster: {} release(s) known, {} loaded here", node.hostId, node.reconciler.states().size(),
                node.reconciler.states().stream().filter(r -> HostRelease.LOADED.equals(r.state())).count());
        return node;
    }

    /** @return this host's id (stable per data directory) */
    public String hostId() {
        return hostId;
    }

    /** @return the built-in handler names (every host of a deployment has them) */
    public Set<String> builtins() {
        return builtins;
    }

    /**
     * @param handlerName a handler name
     * @return whether a live host (this one included) has it: built-in, or in a release it loaded
     */
    public boolean anyLiveHostHas(String handlerName) {
        return builtins.contains(handlerName) || hosts.live().stream().anyMatch(host -> host.handlers().contains(handlerName));
    }

    /** @return the cluster's plugins */
    public PluginStore store() {
        return store;
    }

    /** @return the cluster's hosts */
    public ClusterHosts hosts() {
        return hosts;
    }

    /** @return this host's reconciler: install through it so the upload reaches the database */
    public PluginReconciler plugins() {
        return reconciler;
    }

    /** @param url this host's admin endpoint, once it listens */
    public void adminUrl(String url) {
        this.adminUrl = url;
        background.execute(this::heartbeat);
    }

    /** @param action run after every reconciliation pass (the handler queues follow the loaded plugins) */
    public void afterPass(Runnable action) {
        afterPass.add(action);
    }

    /** Asks for a reconciliation pass soon; requests made while one is queued share it. */
    public void requestPass() {
        if (closed || !passQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                passQueued.set(false);
                pass();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            passQueued.set(false);
        }
    }

    private void pass() {
        try {
            reconciler.reconcile();
            heartbeat();
        } catch (RuntimeException e) {
            log.warn("Reconciling plugins with the database failed; the periodic check tries again: {}", e.toString());
        }
        for (Runnable action : afterPass) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("After reconciling: {}", e.toString());
            }
        }
    }

    /** Writes this host's release states at once: after a change made here, publishing right away sees it. */
    public void reportNow() {
        heartbeat();
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        try {
            hosts.heartbeat(hostId, adminUrl, reconciler.states());
        } catch (RuntimeException e) {
            log.warn("Heartbeat failed: {}", e.toString());
        }
    }

    /** Holds one connection that listens; reconnects after a failure (the periodic check covers the gap). */
    private void listen() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + PluginStore.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                requestPass(); // changes made while it was not listening
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        requestPass();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn("Listening for plugin changes failed; trying again in 2 s: {}", e.toString());
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    /** Stops following the cluster and marks the host lost at once. */
    @Override
    public void close() {
        closed = true;
        registry.removeListener(pluginListener);
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
            if (listener != null) {
                listener.join(3000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            hosts.leave(hostId);
        } catch (RuntimeException e) {
            log.debug("Cannot mark host {} as gone: {}", hostId, e.toString());
        }
    }

    /** @return the id kept in {@code host.id} in the data directory, made at the first start */
    static String hostId(Path dataDir) {
        Path file = dataDir.resolve("host.id");
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (id.matches("[A-Za-z0-9-]{1,64}")) {
                    return id;
                }
            }
            Files.createDirectories(dataDir);
            String id = UUID.randomUUID().toString();
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the host id in " + file, e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String cadreVersion() {
        return ClusterNode.class.getPackage().getImplementationVersion();
    }
}
