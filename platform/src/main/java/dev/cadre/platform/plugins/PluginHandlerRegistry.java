package dev.cadre.platform.plugins;

import dev.cadre.platform.config.CadreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's handler registry: the built-ins plus the handlers of the PF4J plugin JARs in the plugins
 * directory, in one name space, changed while the host runs.
 *
 * <ul>
 *   <li>The directory is the truth: a JAR dropped in, replaced or removed is started, upgraded or
 *       unloaded within about two poll intervals ({@link #watch}); {@link #install(byte[])} (the admin
 *       endpoint) verifies an upload, starts it and stores it there under a name the host chooses.</li>
 *   <li>Per plugin id the file with the highest version runs. An upgrade loads the new version next to
 *       the old one, switches the handler names to it in one step, and unloads the old one when its
 *       last lease is returned: a lease never finds a name missing during the switch.</li>
 *   <li>A plugin that cannot start (unreadable, refused by the allow-list, unmet {@code Plugin-Requires}
 *       or dependency, broken handler, handler name taken, any throwable of its code, loading longer
 *       than the time limit) is reported in {@link #plugins()} with the reason and one WARN line;
 *       everything else keeps working.</li>
 *   <li>Plugin code runs on the loader threads of a {@link PluginLoadExecutor}, never on the caller's:
 *       a lifecycle operation waits for a load at most the time limit.</li>
 * </ul>
 *
 * <p>Thread-safe. Lifecycle operations are serialised; {@link #lease}, {@link #plugins()} and
 * {@link #plugin(String)} take no lock (the latter two read the state as of the last operation).
 */
public final class PluginHandlerRegistry implements HandlerRegistry, AutoCloseable {

    /** How long loading one plugin may take when no limit is configured. */
    public static final Duration DEFAULT_LOAD_TIMEOUT = PluginLoadExecutor.DEFAULT_LIMIT;

    /** How long {@link #close} waits for the plugins' {@code stop()} methods. */
    static final Duration CLOSE_UNLOAD_WAIT = Duration.ofSeconds(10);

    /** How often {@link #open} polls the plugins directory. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(PluginHandlerRegistry.class);

    private final BuiltinHandlerRegistry builtins;
    private final Path pluginsDir;
    private final Path shadowDir;
    private final HandlerTable table = new HandlerTable();
    private final ScheduledExecutorService background;
    private final PluginCatalog catalog;
    private final Admission admission;
    private final PluginEvents events = new PluginEvents();
    private final PluginLoadExecutor loads;
    private volatile List<PluginInfo> snapshot = List.of();
    private boolean watching;

    /**
     * Creates an empty registry; call {@link #scan()} to load the directory's plugins and
     * {@link #watch(Duration)} to follow its changes.
     *
     * @param builtins   the host's class-path handlers; their names win over plugins
     * @param pluginsDir the plugins directory (created when missing)
     * @param allowlist  which JARs may load
     * @throws UncheckedIOException when the directories cannot be created
     */
    public PluginHandlerRegistry(BuiltinHandlerRegistry builtins, Path pluginsDir, PluginAllowlist allowlist) {
        this(builtins, pluginsDir, allowlist, DEFAULT_LOAD_TIMEOUT);
    }

    /**
     * @param builtins    the host's class-path handlers; their names win over plugins
     * @param pluginsDir  the plugins directory (created when missing)
     * @param allowlist   which JARs may load
     * @param loadTimeout how long loading one plugin (its classes, {@code Plugin.start}, handler
     *                    constructors) may take before it is marked FAILED
     * @throws UncheckedIOException when the directories cannot be created
     */
    public PluginHandlerRegistry(BuiltinHandlerRegistry builtins, Path pluginsDir, PluginAllowlist allowlist,
                                 Duration loadTimeout) {
        this.builtins = builtins;
        this.loads = new PluginLoadExecutor(loadTimeout);
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.pluginsDir);
            this.shadowDir = Files.createTempDirectory("cadre-plugins-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare plugins directory " + pluginsDir, e);
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "cadre-plugins");
            thread.setDaemon(true);
            return thread;
        });
        // create the thread now, from host code: a thread made later could inherit a plugin's context
        executor.prestartCoreThread();
        this.background = executor;
        this.admission = new Admission(builtins, allowlist, table);
        this.catalog = new PluginCatalog(this.pluginsDir, shadowDir, admission, table, events, loads);
    }

    /**
     * @param config   the host configuration ({@code CADRE_PLUGINS_DIR}, {@code CADRE_PLUGINS_ALLOWLIST},
     *                 {@code CADRE_PLUGIN_LOAD_TIMEOUT_SECONDS})
     * @param builtins the host's class-path handlers
     * @return a registry with the directory's plugins started and the directory watched
     */
    public static PluginHandlerRegistry open(CadreConfig config, BuiltinHandlerRegistry builtins) {
        PluginHandlerRegistry registry = new PluginHandlerRegistry(builtins, config.pluginsDir(),
                PluginAllowlist.load(config.pluginsAllowlist()), config.pluginLoadTimeout());
        registry.scan();
        registry.watch(DEFAULT_POLL_INTERVAL);
        return registry;
    }

    /** Loads what the plugins directory holds now, all files taken as complete. */
    public void scan() {
        try {
            Map<String, PluginFiles.Stamp> now = PluginFiles.list(pluginsDir);
            locked(() -> {
                catalog.reconcile(now, now.keySet());
                return null;
            });
        } catch (IOException e) {
            throw new PluginException(null, PluginProblem.IO_ERROR, "cannot list " + pluginsDir + ": " + e.getMessage());
        } finally {
            events.fire();
        }
    }

    /**
     * Follows the plugins directory from now on (once; later calls do nothing).
     *
     * @param interval how often to look for added, replaced and removed JARs
     */
    public synchronized void watch(Duration interval) {
        if (watching) {
            return;
        }
        watching = true;
        new DirectoryWatcher(pluginsDir, (settled, present) -> {
            try {
                locked(() -> {
                    catalog.reconcile(settled, present);
                    return null;
                });
            } finally {
                events.fire();
            }
        }).start(background, interval);
    }

    @Override
    public Optional<HandlerLease> lease(String handlerName) {
        Optional<HandlerLease> builtin = builtins.lease(handlerName);
        return builtin.isPresent() ? builtin : table.lease(handlerName);
    }

    /**
     * The handler from one exact release: the running one when it is that version, else a release loaded
     * beside it ({@link #loadAside}).
     */
    @Override
    public Optional<HandlerLease> lease(String handlerName, String release) {
        Optional<HandlerLease> running = table.lease(handlerName);
        if (running.isPresent()) {
            if (release.equals(running.get().provenance().pluginVersion())) {
                return running;
            }
            running.get().close();
        }
        return catalog.leaseAside(handlerName, release); // lock-free: never waits behind a plugin being loaded
    }

    /**
     * Loads a release of a plugin beside the one running (each in its own class loader), for steps that
     * template versions pin to it. Nothing is written to the plugins directory.
     *
     * @param jarBytes the release's JAR
     * @return the loaded release: id, version, SHA-256, handler names
     * @throws PluginException when it is not a plugin JAR, is not allowed, or cannot start
     */
    public PluginInfo loadAside(byte[] jarBytes) {
        Path staged = null;
        try {
            staged = catalog.loader().stage(jarBytes);
            PluginJar jar = PluginJar.inspect(staged);
            Path upload = staged;
            Generation loaded = locked(() -> catalog.loadAside(jar, upload));
            return new PluginInfo(jar.id(), jar.version(), jar.provider(), jar.description(), PluginStatus.STARTED, null, null,
                    loaded.fileName(), jar.sha256(), List.copyOf(loaded.handlers().keySet()));
        } catch (IOException e) {
            throw new PluginException(null, PluginProblem.IO_ERROR, "cannot stage the plugin: " + e.getMessage());
        } finally {
            deleteQuietly(staged);
            events.fire();
        }
    }

    /**
     * Unloads a release loaded beside the running one, once its open leases are returned; its class
     * loader is closed so its classes can be collected.
     *
     * @return whether it was loaded
     */
    public boolean unloadAside(String pluginId, String version) {
        try {
            return locked(() -> catalog.unloadAside(pluginId, version));
        } finally {
            events.fire();
        }
    }

    /** @return the releases loaded beside the running ones: {@code id@version} -> SHA-256 and handler names */
    public Map<String, PluginInfo> aside() {
        Map<String, PluginInfo> all = new TreeMap<>();
        synchronized (catalog) {
            catalog.aside().forEach((key, generation) -> {
                PluginJar jar = generation.jar();
                all.put(key, new PluginInfo(jar.id(), jar.version(), jar.provider(), jar.description(), PluginStatus.STARTED,
                        null, null, generation.fileName(), jar.sha256(), List.copyOf(generation.handlers().keySet())));
            });
        }
        return all;
    }

    /**
     * @return every plugin handler loaded here in an exact release, as {@code Handler@version}: those of the
     *         running releases and of releases loaded beside them (the queues pinned steps go to)
     */
    public Set<String> releaseHandlers() {
        Set<String> all = new TreeSet<>();
        table.provenances().values().forEach(p -> all.add(p.handlerName() + "@" + p.pluginVersion()));
        aside().values().forEach(info -> info.handlers().forEach(handler -> all.add(handler + "@" + info.version())));
        return all;
    }

    @Override
    public SortedMap<String, HandlerProvenance> handlers() {
        TreeMap<String, HandlerProvenance> all = new TreeMap<>(table.provenances());
        all.putAll(builtins.handlers());
        return Collections.unmodifiableSortedMap(all);
    }

    /**
     * @param jar a plugin JAR anywhere on disk; it is copied into the plugins directory
     * @return the started plugin
     * @throws PluginException as {@link #install(byte[])}
     */
    public PluginInfo install(Path jar) {
        try {
            return install(Files.readAllBytes(jar));
        } catch (IOException e) {
            throw new PluginException(null, PluginProblem.IO_ERROR, "cannot read " + jar + ": " + e.getMessage());
        }
    }

    /**
     * Verifies an uploaded JAR (readable, a manifest with {@code Plugin-Id} and {@code Plugin-Version},
     * allowed), starts it (upgrading a running version of the same id without a gap) and stores it as
     * {@code <id>-<version>.jar}, replacing the id's other files. Nothing is stored when it fails.
     *
     * @param jarBytes the JAR
     * @return the started plugin: id, version, SHA-256, handler names, state
     * @throws PluginException with {@link PluginProblem#INVALID_JAR}, {@link PluginProblem#NOT_ALLOWED}, or
     *                         the reason it could not start (the running version, if any, is kept)
     */
    public PluginInfo install(byte[] jarBytes) {
        Path staged = null;
        try {
            staged = catalog.loader().stage(jarBytes);
            PluginJar jar = PluginJar.inspect(staged);
            String refused = admission.notAllowed(jar);
            if (refused != null) {
                throw new PluginException(jar.id(), PluginProblem.NOT_ALLOWED, jar.label() + " refused: " + refused);
            }
            Path upload = staged;
            return locked(() -> catalog.install(jar, upload, PluginFiles.fileNameFor(jar), jarBytes));
        } catch (IOException e) {
            throw new PluginException(null, PluginProblem.IO_ERROR, "cannot store the plugin: " + e.getMessage());
        } catch (PluginException e) {
            if (e.problem() == PluginProblem.INVALID_JAR || e.problem() == PluginProblem.NOT_ALLOWED) {
                log.warn("Plugin upload ({} bytes) refused: {}", jarBytes.length, e.getMessage());
            }
            throw e;
        } finally {
            deleteQuietly(staged);
            events.fire();
        }
    }

    /**
     * Starts a stopped or failed plugin again from its file.
     *
     * @param pluginId the plugin
     * @return it, started
     * @throws PluginException {@link PluginProblem#NOT_FOUND}, or why it could not start
     */
    public PluginInfo start(String pluginId) {
        try {
            return locked(() -> catalog.start(pluginId));
        } finally {
            events.fire();
        }
    }

    /**
     * Stops a plugin: its handlers go at once, it unloads when open leases are returned; its file stays
     * (until the host restarts, which starts it again).
     *
     * @param pluginId the plugin
     * @return it, stopped
     * @throws PluginException {@link PluginProblem#NOT_FOUND}
     */
    public PluginInfo stop(String pluginId) {
        try {
            return locked(() -> catalog.stop(pluginId));
        } finally {
            events.fire();
        }
    }

    /**
     * Loads the plugin's file again as a new generation and switches to it without a gap.
     *
     * @param pluginId the plugin
     * @return it, started
     * @throws PluginException {@link PluginProblem#NOT_FOUND}, or why it could not start
     */
    public PluginInfo reload(String pluginId) {
        try {
            return locked(() -> catalog.reload(pluginId));
        } catch (IOException e) {
            throw new PluginException(pluginId, PluginProblem.IO_ERROR, "cannot list " + pluginsDir + ": " + e.getMessage());
        } finally {
            events.fire();
        }
    }

    /**
     * Removes a plugin: its handlers go at once, its files are deleted, and it is unloaded once the
     * activities running on it return their leases.
     *
     * @param pluginId the plugin
     * @param timeout  how long to wait for open leases
     * @return whether it was unloaded in time; if not, it unloads when the last lease is returned
     * @throws PluginException {@link PluginProblem#NOT_FOUND}
     */
    public UninstallResult uninstall(String pluginId, Duration timeout) {
        record Removal(String version, List<Generation> unloading) {
        }
        Removal removal;
        try {
            removal = locked(() -> new Removal(catalog.plugin(pluginId).map(PluginInfo::version).orElse(null),
                    catalog.uninstall(pluginId)));
        } finally {
            events.fire();
        }
        CompletableFuture<?>[] futures = removal.unloading().stream().map(Generation::whenUnloaded).toArray(CompletableFuture[]::new);
        boolean unloaded;
        try {
            CompletableFuture.allOf(futures).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            unloaded = true;
        } catch (TimeoutException e) {
            unloaded = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unloaded = false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("unloading plugin " + pluginId + " failed", e.getCause());
        }
        int open = unloaded ? 0 : removal.unloading().stream().mapToInt(Generation::activeLeases).sum();
        if (!unloaded) {
            log.warn("Plugin {} removed, but {} lease(s) still open after {}; it unloads when they are returned",
                    pluginId, open, timeout);
        }
        return new UninstallResult(pluginId, removal.version(), unloaded, open);
    }

    /**
     * Never waits: reads the state as of the last lifecycle operation, so health checks and listings
     * answer even while a plugin is being loaded.
     *
     * @return every plugin JAR known, with state, reason and provenance, by id then file
     */
    public List<PluginInfo> plugins() {
        return snapshot;
    }

    /**
     * Never waits, as {@link #plugins()}.
     *
     * @param pluginId a plugin id
     * @return the running version of it, else its most relevant file
     */
    public Optional<PluginInfo> plugin(String pluginId) {
        return PluginCatalog.mostRelevant(snapshot, pluginId);
    }

    /**
     * @param pluginId a plugin id
     * @return the leases open now on any loaded version of it (running or still draining)
     */
    public int activeLeases(String pluginId) {
        synchronized (catalog) {
            return catalog.activeLeases(pluginId);
        }
    }

    /** @param listener told about every plugin state change */
    public void addListener(PluginListener listener) {
        events.add(listener);
    }

    /** @param listener no longer told */
    public void removeListener(PluginListener listener) {
        events.remove(listener);
    }

    /** @return the plugins directory */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * Stops watching and unloads every plugin, open leases or not (the host is shutting down). Never
     * waits long on plugin code: loads still running are abandoned first, and the unloads (which call
     * each plugin's {@code stop()}) get {@link #CLOSE_UNLOAD_WAIT}, then the host goes on without them.
     */
    @Override
    public void close() {
        loads.abandonLoads();
        background.shutdown();
        try {
            if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            background.shutdownNow();
        }
        boolean unloaded = loads.runWithin(() -> locked(() -> {
            catalog.unloadAll();
            return null;
        }), CLOSE_UNLOAD_WAIT);
        if (!unloaded) {
            log.warn("Plugins still stopping after {}; closing without waiting for them", CLOSE_UNLOAD_WAIT);
        }
        loads.close();
        events.fire();
        try (Stream<Path> leftovers = Files.walk(shadowDir)) {
            leftovers.sorted(Comparator.reverseOrder()).forEach(PluginHandlerRegistry::deleteQuietly);
        } catch (IOException e) {
            log.warn("Cannot remove plugin shadow copies in {}: {}", shadowDir, e.toString());
        }
    }

    /** A lifecycle operation: holds the catalog's lock, then publishes the state it left for {@link #plugins()}. */
    private <T, E extends Exception> T locked(Operation<T, E> operation) throws E {
        synchronized (catalog) {
            try {
                return operation.run();
            } finally {
                snapshot = catalog.plugins();
            }
        }
    }

    private interface Operation<T, E extends Exception> {
        T run() throws E;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", file, e.toString());
        }
    }
}
