package dev.cadre.platform.cluster;

import dev.cadre.platform.plugins.CadreVersionManager;
import dev.cadre.platform.plugins.PluginException;
import dev.cadre.platform.plugins.PluginHandlerRegistry;
import dev.cadre.platform.plugins.PluginInfo;
import dev.cadre.platform.plugins.PluginStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves this host's loaded plugins towards what the database says: per plugin id, the newest enabled
 * release is loaded (its JAR from the {@link JarCache}, checked against its SHA-256); an id with no
 * enabled release is unloaded; a JAR that reached this host's plugins directory but not the database
 * is stored there, so the database stays the one source of truth. A release this host cannot load is
 * reported with its reason and not tried again until its record changes; the host carries on.
 *
 * <p>Thread-safety: {@link #reconcile} and {@link #install} are synchronized, so an upload on this
 * host and a change heard from another never interleave.
 */
public final class PluginReconciler {

    private static final Logger log = LoggerFactory.getLogger(PluginReconciler.class);
    /** Releases of one plugin loaded side by side unless configured otherwise ({@code CADRE_PLUGIN_MAX_VERSIONS}). */
    public static final int DEFAULT_MAX_VERSIONS = 3;
    /** The state of a pinned release not loaded because its plugin already has the most versions allowed loaded. */
    public static final String OVER_CAP = "OVER_CAP";
    private static final Comparator<PluginRelease> NEWEST_FIRST = Comparator
            .comparing((PluginRelease release) -> CadreVersionManager.parse(release.version())).reversed();

    private final PluginStore store;
    private final PluginHandlerRegistry registry;
    private final JarCache cache;
    private final String importedBy;
    private final int maxVersions;
    /** release key (sha + its last change) -> why it did not load here */
    private final Map<String, String> failures = new HashMap<>();
    private volatile List<HostRelease> states = List.of();

    /**
     * @param store      the cluster's plugins
     * @param registry   this host's loaded plugins
     * @param cache      this host's copies of JARs
     * @param importedBy who a JAR found in the plugins directory is recorded as installed by
     */
    public PluginReconciler(PluginStore store, PluginHandlerRegistry registry, JarCache cache, String importedBy) {
        this(store, registry, cache, importedBy, DEFAULT_MAX_VERSIONS);
    }

    /**
     * @param maxVersions how many releases of one plugin may be loaded at once here: the newest enabled one
     *                    plus up to {@code maxVersions - 1} older ones that template versions pin
     */
    public PluginReconciler(PluginStore store, PluginHandlerRegistry registry, JarCache cache, String importedBy, int maxVersions) {
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be at least 1, got " + maxVersions);
        }
        this.maxVersions = maxVersions;
        this.store = store;
        this.registry = registry;
        this.cache = cache;
        this.importedBy = importedBy;
    }

    /**
     * Installs an uploaded JAR on this host (verified and started, as a single host does) and stores it
     * as an enabled release, which every other host then loads.
     *
     * @param jar   the JAR
     * @param actor who installed it
     * @return the plugin as started here
     * @throws PluginException when it cannot be started here; nothing is stored then
     */
    public synchronized PluginInfo install(byte[] jar, String actor) {
        PluginInfo started = registry.install(jar);
        store.store(started.id(), started.version(), started.sha256(), jar, actor);
        reconcile();
        return registry.plugin(started.id()).orElse(started);
    }

    /**
     * One pass: store JARs only the plugins directory has, load what is enabled, unload what is not.
     *
     * @return where each release stands on this host now
     */
    public synchronized List<HostRelease> reconcile() {
        List<PluginRelease> releases = store.releases();
        if (importDirectory(releases)) {
            releases = store.releases();
        }
        Map<String, List<PluginRelease>> byId = releases.stream()
                .collect(Collectors.groupingBy(PluginRelease::pluginId, TreeMap::new, Collectors.toList()));
        Map<String, PluginRelease> wanted = new LinkedHashMap<>();
        byId.forEach((id, ofId) -> ofId.stream().filter(r -> r.desiredState() == PluginRelease.DesiredState.ENABLED)
                .min(NEWEST_FIRST).ifPresent(release -> wanted.put(id, release)));
        for (PluginRelease release : wanted.values()) {
            load(release);
        }
        for (String id : loadedIds()) {
            if (byId.containsKey(id) && !wanted.containsKey(id)) {
                log.info("Plugin {}: no enabled release in the database; unloading it", id);
                registry.uninstall(id, Duration.ZERO);
            }
        }
        Map<String, PluginRelease> beside = beside(byId, wanted, store.pinnedReleases(), maxVersions);
        for (PluginRelease release : beside.values()) {
            loadAside(release);
        }
        for (Map.Entry<String, PluginInfo> loaded : registry.aside().entrySet()) {
            PluginRelease kept = beside.get(loaded.getKey());
            if (kept == null || !kept.sha256().equals(loaded.getValue().sha256())) {
                registry.unloadAside(loaded.getValue().id(), loaded.getValue().version());
            }
        }
        states = describe(releases, wanted, beside);
        return states;
    }

    /**
     * @return by {@code id@version}, the older enabled releases that template versions pin, newest first per
     *         plugin and at most {@code maxVersions - 1} of each: loaded beside the newest
     */
    static Map<String, PluginRelease> beside(Map<String, List<PluginRelease>> byId, Map<String, PluginRelease> wanted,
                                             Set<String> pinned, int maxVersions) {
        Map<String, PluginRelease> beside = new LinkedHashMap<>();
        byId.forEach((id, ofId) -> ofId.stream()
                .filter(r -> r.desiredState() == PluginRelease.DesiredState.ENABLED && pinned.contains(r.sha256()) && r != wanted.get(id))
                .sorted(NEWEST_FIRST)
                .limit(Math.max(0, maxVersions - (wanted.containsKey(id) ? 1 : 0)))
                .forEach(release -> beside.put(release.label(), release)));
        return beside;
    }

    private void loadAside(PluginRelease release) {
        PluginInfo loaded = registry.aside().get(release.label());
        if (loaded != null && loaded.sha256().equals(release.sha256())) {
            return;
        }
        String key = failureKey(release);
        if (failures.containsKey(key)) {
            return;
        }
        try {
            PluginInfo started = registry.loadAside(cache.get(release.sha256()));
            if (!started.sha256().equals(release.sha256()) || !started.version().equals(release.version())) {
                registry.unloadAside(started.id(), started.version());
                throw new ReleaseRefusedException(release.label() + ": the JAR is " + started.label());
            }
            log.info("Plugin {} loaded beside the newest release for the template versions pinned to it (handlers {})",
                    release.label(), started.handlers());
        } catch (ReleaseRefusedException | PluginException e) {
            failures.put(key, e.getMessage());
            log.warn("Plugin {} cannot be loaded beside the newest release on this host: {}", release.label(), e.getMessage());
        } catch (RuntimeException e) {
            failures.put(key, e.toString());
            log.warn("Plugin {} cannot be loaded beside the newest release on this host", release.label(), e);
        }
    }

    /** @return where each release stood on this host after the last pass */
    public List<HostRelease> states() {
        return states;
    }

    private void load(PluginRelease release) {
        Optional<PluginInfo> current = registry.plugin(release.pluginId());
        if (current.isPresent() && current.get().status() == PluginStatus.STARTED
                && release.sha256().equals(current.get().sha256())) {
            return;
        }
        String key = failureKey(release);
        if (failures.containsKey(key)) {
            return;
        }
        try {
            byte[] jar = cache.get(release.sha256());
            PluginInfo started = registry.install(jar);
            log.info("Plugin {} loaded from the database (handlers {})", release.label(), started.handlers());
        } catch (ReleaseRefusedException | PluginException e) {
            failures.put(key, e.getMessage());
            log.warn("Plugin {} cannot be loaded on this host: {}", release.label(), e.getMessage());
        } catch (RuntimeException e) {
            failures.put(key, e.toString());
            log.warn("Plugin {} cannot be loaded on this host", release.label(), e);
        }
    }

    /** @return whether anything was stored */
    private boolean importDirectory(List<PluginRelease> releases) {
        Set<String> known = releases.stream().map(PluginRelease::sha256).collect(Collectors.toSet());
        boolean stored = false;
        for (PluginInfo info : registry.plugins()) {
            if (info.status() != PluginStatus.STARTED || info.sha256() == null || known.contains(info.sha256())) {
                continue;
            }
            Path file = registry.pluginsDir().resolve(info.file());
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (!JarCache.sha256(bytes).equals(info.sha256())) {
                    continue; // replaced while we looked: the next pass sees the new file
                }
                store.store(info.id(), info.version(), info.sha256(), bytes, importedBy);
                log.info("Plugin {} from the plugins directory stored in the database", info.label());
                stored = true;
            } catch (IOException e) {
                log.warn("Cannot read {} to store it in the database: {}", file, e.toString());
            }
        }
        return stored;
    }

    private List<String> loadedIds() {
        return registry.plugins().stream().map(PluginInfo::id).filter(id -> id != null).distinct().toList();
    }

    private List<HostRelease> describe(List<PluginRelease> releases, Map<String, PluginRelease> wanted,
                                       Map<String, PluginRelease> beside) {
        List<HostRelease> all = new ArrayList<>();
        Map<String, PluginInfo> aside = registry.aside();
        Set<String> pinned = null;
        for (PluginRelease release : releases) {
            PluginInfo besideNewest = aside.get(release.label());
            if (besideNewest != null && besideNewest.sha256().equals(release.sha256())) {
                all.add(new HostRelease(release.pluginId(), release.version(), release.sha256(), HostRelease.LOADED, null,
                        besideNewest.handlers()));
                continue;
            }
            if (beside.containsKey(release.label()) && failures.containsKey(failureKey(release))) {
                all.add(new HostRelease(release.pluginId(), release.version(), release.sha256(), HostRelease.FAILED,
                        failures.get(failureKey(release)), List.of()));
                continue;
            }
            Optional<PluginInfo> info = registry.plugin(release.pluginId());
            boolean running = info.isPresent() && info.get().status() == PluginStatus.STARTED
                    && release.sha256().equals(info.get().sha256());
            String state;
            String reason = null;
            List<String> handlers = List.of();
            if (running) {
                state = HostRelease.LOADED;
                handlers = info.get().handlers();
            } else if (release.desiredState() != PluginRelease.DesiredState.ENABLED) {
                state = release.desiredState().name();
                reason = release.desiredState().name().toLowerCase() + " by " + release.changedBy();
            } else if (wanted.get(release.pluginId()) != release && !beside.containsKey(release.label())
                    && (pinned == null ? (pinned = store.pinnedReleases()) : pinned).contains(release.sha256())) {
                state = OVER_CAP;
                reason = "pinned by a template version, but " + maxVersions + " release(s) of " + release.pluginId()
                        + " are loaded already (CADRE_PLUGIN_MAX_VERSIONS)";
            } else if (wanted.get(release.pluginId()) != release) {
                state = "SUPERSEDED";
                reason = "a newer release is enabled: " + wanted.get(release.pluginId()).label();
            } else if (failures.containsKey(failureKey(release))) {
                state = HostRelease.FAILED;
                reason = failures.get(failureKey(release));
            } else {
                state = "PENDING";
                reason = info.map(PluginInfo::reason).orElse("not loaded yet");
            }
            all.add(new HostRelease(release.pluginId(), release.version(), release.sha256(), state, reason, handlers));
        }
        return List.copyOf(all);
    }

    private static String failureKey(PluginRelease release) {
        return release.sha256() + "@" + release.changedAt();
    }
}
