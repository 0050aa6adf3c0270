package dev.cadre.platform.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' state and every change to it. The desired state comes from the plugins directory (per
 * plugin id, the file with the highest version), adjusted by admin actions (stopped ids); {@link #settle}
 * moves the loaded generations towards it: starts, upgrades, rebinds dependents, retires.
 *
 * <p>Why this class is longer than most: it is the one state machine of the plugin host, and keeping
 * every transition in one place is what makes the ordering guarantees (publish, then retire) checkable.
 *
 * <p>Thread-safety: every method must be called holding this object's monitor;
 * {@link PluginHandlerRegistry} does that, except {@link #leaseAside}. Leasing does not take it (see {@link HandlerTable}).
 */
final class PluginCatalog {

    private static final Logger log = LoggerFactory.getLogger(PluginCatalog.class);

    private final Path dir;
    private final Admission admission;
    private final HandlerTable table;
    private final PluginEvents events;
    private final Executor unloader;
    private final GenerationLoader loader;

    private final Map<String, FileRecord> files = new TreeMap<>();
    private final Map<String, Generation> active = new TreeMap<>();
    private final Set<String> stopped = new HashSet<>();
    private final List<Generation> draining = new ArrayList<>();
    /** Older releases loaded beside the running one for pinned steps, by {@code id@version}. */
    private final Map<String, Generation> aside = new TreeMap<>();
    /** A copy of {@link #aside} for leasing without the monitor (held through slow plugin loads). */
    private volatile Map<String, Generation> asideView = Map.of();

    PluginCatalog(Path dir, Path shadowDir, Admission admission, HandlerTable table, PluginEvents events,
                  PluginLoadExecutor loads) {
        this.dir = dir;
        this.admission = admission;
        this.table = table;
        this.events = events;
        this.unloader = loads; // unloading runs the plugin's stop(): off the caller's thread too
        this.loader = new GenerationLoader(shadowDir, loads, this::drained);
    }

    GenerationLoader loader() {
        return loader;
    }

    // ---- directory changes ------------------------------------------------------------------------

    /**
     * Applies what the directory holds now.
     *
     * @param settled file name -> stamp of the files that are complete
     * @param present every file name present, complete or not
     */
    void reconcile(Map<String, PluginFiles.Stamp> settled, Set<String> present) {
        for (String name : List.copyOf(files.keySet())) {
            // the listing may predate an install made meanwhile: believe the disk
            if (!present.contains(name) && !Files.exists(dir.resolve(name))) {
                files.remove(name);
            }
        }
        settled.forEach((name, stamp) -> {
            FileRecord known = files.get(name);
            if (known == null || !stamp.sameAs(known.stamp)) {
                files.put(name, inspect(name));
            }
        });
        settle(Set.of());
    }

    private FileRecord inspect(String name) {
        Path file = dir.resolve(name);
        PluginFiles.Stamp stamp = null;
        try {
            stamp = PluginFiles.stamp(dir, name);
            PluginJar jar = PluginJar.inspect(file);
            return new FileRecord(name, stamp, file, jar, jar.sha256());
        } catch (IOException | PluginException e) {
            String sha = null;
            try {
                sha = PluginJar.sha256(file);
            } catch (PluginException unreadable) {
                // no checksum to show
            }
            FileRecord record = new FileRecord(name, stamp, file, null, sha);
            mark(record, PluginStatus.FAILED,
                    e instanceof PluginException p ? p.problem() : PluginProblem.IO_ERROR, e.getMessage());
            return record;
        }
    }

    // ---- admin operations -------------------------------------------------------------------------

    PluginInfo start(String id) {
        requireKnown(id);
        stopped.remove(id);
        recordsOf(id).forEach(record -> record.attempted = false);
        settle(Set.of());
        return outcome(id);
    }

    PluginInfo stop(String id) {
        requireKnown(id);
        stopped.add(id);
        settle(Set.of());
        return plugin(id).orElseThrow();
    }

    PluginInfo reload(String id) throws IOException {
        requireKnown(id);
        stopped.remove(id);
        Map<String, PluginFiles.Stamp> now = PluginFiles.list(dir);
        reconcile(now, now.keySet());
        recordsOf(id).forEach(record -> record.attempted = false);
        settle(Set.of(id));
        return outcome(id);
    }

    /**
     * Retires the plugin, deletes its files and forgets it.
     *
     * @return the generations of that id still to unload (the one retired now and older ones draining)
     */
    List<Generation> uninstall(String id) {
        requireKnown(id);
        if (active.containsKey(id)) {
            retireActive(id, "uninstalled");
        }
        stopped.remove(id);
        for (FileRecord record : recordsOf(id)) {
            try {
                Files.deleteIfExists(dir.resolve(record.name));
                files.remove(record.name);
            } catch (IOException e) {
                stopped.add(id); // keep it from being started again by the next scan
                log.warn("Plugin {}: cannot delete {}: {}; it stays stopped", id, record.name, e.toString());
            }
        }
        settle(Set.of());
        return draining.stream().filter(generation -> generation.id().equals(id)).toList();
    }

    /**
     * Starts an uploaded JAR and, once started, stores it in the plugins directory as {@code fileName},
     * replacing the other files of its id. The previous version keeps running when this one fails.
     *
     * @param jar      the upload's facts
     * @param staged   the upload's bytes, outside the plugins directory
     * @param preferredName the name chosen by the host; another one if a file of another plugin has it
     * @param bytes    the upload
     * @return the started plugin
     * @throws PluginException when it could not be started; nothing is stored then
     * @throws IOException     when the plugins directory cannot be written
     */
    PluginInfo install(PluginJar jar, Path staged, String preferredName, byte[] bytes) throws IOException {
        String id = jar.id();
        FileRecord occupant = files.get(preferredName);
        String fileName = occupant == null || id.equals(occupant.id()) ? preferredName
                : PluginFiles.safeName(id + "-" + jar.version() + "-" + jar.sha256().substring(0, 12));
        Generation current = active.get(id);
        // written (hidden from the watcher) before anything changes, so a full disk fails the install, not the switch
        Path part = dir.resolve("." + fileName + ".part");
        Files.write(part, bytes);
        try {
            FileRecord record = new FileRecord(fileName, null, staged, jar, jar.sha256());
            boolean wasStopped = stopped.remove(id);
            boolean sameAsRunning = current != null && current.jar().sha256().equals(jar.sha256());
            if (!sameAsRunning && !activate(record, current)) {
                if (wasStopped) {
                    stopped.add(id);
                }
                throw new PluginException(id, record.problem, jar.label() + " was not installed: " + record.reason);
            }
            Files.move(part, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (FileRecord other : recordsOf(id)) {
                if (!other.name.equals(fileName)) {
                    Files.deleteIfExists(dir.resolve(other.name));
                    files.remove(other.name);
                }
            }
            record.stamp = PluginFiles.stamp(dir, fileName);
            record.source = dir.resolve(fileName);
            record.attempted = true;
            if (sameAsRunning) {
                current.renamed(fileName);
                record.handlers = List.copyOf(current.handlers().keySet());
                mark(record, PluginStatus.STARTED, null, null);
            }
            files.put(fileName, record);
            settle(Set.of());
            return outcome(id);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    // ---- reading ----------------------------------------------------------------------------------

    /** @return every plugin JAR known, by id then file name */
    List<PluginInfo> plugins() {
        List<PluginInfo> all = new ArrayList<>();
        files.values().forEach(record -> all.add(record.info()));
        for (Generation generation : active.values()) {
            // its file was overwritten by content that failed to start: the old content still runs
            if (files.values().stream().noneMatch(record -> runs(record, generation))) {
                PluginJar jar = generation.jar();
                all.add(new PluginInfo(jar.id(), jar.version(), jar.provider(), jar.description(), PluginStatus.STARTED,
                        null, null, generation.fileName(), jar.sha256(), List.copyOf(generation.handlers().keySet())));
            }
        }
        all.sort(Comparator.comparing((PluginInfo info) -> info.id() == null ? "\uffff" : info.id())
                .thenComparing(PluginInfo::file));
        return all;
    }

    /** @return the running version of that id, else its most relevant file */
    Optional<PluginInfo> plugin(String id) {
        return mostRelevant(plugins(), id);
    }

    /** @return of the listed files of that id, the running one, else the most relevant (by status order) */
    static Optional<PluginInfo> mostRelevant(List<PluginInfo> plugins, String id) {
        return plugins.stream().filter(info -> id.equals(info.id()))
                .min(Comparator.comparing(info -> info.status().ordinal()));
    }

    /** @return open leases on every loaded generation of that id (running and draining) */
    int activeLeases(String id) {
        Generation current = active.get(id);
        int count = current == null ? 0 : current.activeLeases();
        for (Generation generation : draining) {
            if (generation.id().equals(id)) {
                count += generation.activeLeases();
            }
        }
        for (Generation generation : aside.values()) {
            if (generation.id().equals(id)) {
                count += generation.activeLeases();
            }
        }
        return count;
    }

    // ---- releases side by side -------------------------------------------------------------------

    /**
     * Loads an older release of a plugin next to the one running, in its own class loader, for the steps
     * of template versions pinned to it. Its handlers are not bound by name: only
     * {@link #leaseAside} hands them out, by name and version.
     *
     * @param jar    the release's facts
     * @param staged its bytes, outside the plugins directory
     * @return the loaded generation
     * @throws PluginException when it is not allowed, incompatible, misses a dependency or cannot start
     */
    Generation loadAside(PluginJar jar, Path staged) {
        String key = jar.id() + "@" + jar.version();
        Generation loaded = aside.get(key);
        if (loaded != null && loaded.jar().sha256().equals(jar.sha256())) {
            return loaded;
        }
        String refused = admission.notAllowed(jar);
        if (refused != null) {
            throw new PluginException(jar.id(), PluginProblem.NOT_ALLOWED, jar.label() + " refused: " + refused);
        }
        String incompatible = admission.incompatibility(jar);
        if (incompatible != null) {
            throw new PluginException(jar.id(), PluginProblem.INCOMPATIBLE, incompatible);
        }
        String missing = admission.missingDependency(jar, active);
        if (missing != null) {
            throw new PluginException(jar.id(), PluginProblem.MISSING_DEPENDENCY, missing);
        }
        Generation next = loader.load(jar, staged, PluginFiles.fileNameFor(jar), admission.dependencies(jar, active));
        aside.put(key, next);
        asideView = Map.copyOf(aside);
        if (loaded != null) {
            retire(loaded);
        }
        log.info("Plugin {} loaded beside the running release (sha256 {}) with handlers {}", jar.label(), jar.sha256(),
                next.handlers().keySet());
        return next;
    }

    /**
     * Retires a release loaded beside the running one; it unloads (its class loader closed) once its
     * open leases are returned.
     *
     * @return whether one was loaded
     */
    boolean unloadAside(String id, String version) {
        Generation generation = aside.remove(id + "@" + version);
        if (generation == null) {
            return false;
        }
        asideView = Map.copyOf(aside);
        log.info("Plugin {} beside the running release no longer needed: unloading once its {} open lease(s) are returned",
                generation.jar().label(), generation.activeLeases());
        retire(generation);
        return true;
    }

    /** @return the releases loaded beside the running ones, by {@code id@version} */
    Map<String, Generation> aside() {
        return Map.copyOf(aside);
    }

    /**
     * Needs no monitor (see {@link HandlerTable} for why a retired generation is never leased).
     *
     * @return a lease on the handler from the release of that version loaded beside the running one, if any
     */
    Optional<HandlerLease> leaseAside(String handlerName, String version) {
        for (Generation generation : asideView.values()) {
            if (generation.jar().version().equals(version) && generation.handlers().containsKey(handlerName)) {
                return HandlerTable.leaseOf(generation, handlerName);
            }
        }
        return Optional.empty();
    }

    // ---- settling ---------------------------------------------------------------------------------

    /**
     * Moves the loaded generations towards the directory's state, in rounds, because one start can
     * enable another (a dependency) and one removal can disable another (a dependent).
     *
     * @param forced ids to load again even when the running generation has the same content
     */
    private void settle(Set<String> forced) {
        Set<String> force = forced;
        for (int round = 0; round <= files.size() + active.size() + 1; round++) {
            boolean progress = false;
            Map<String, List<FileRecord>> byId = new TreeMap<>();
            files.values().stream().filter(record -> record.jar != null)
                    .forEach(record -> byId.computeIfAbsent(record.id(), id -> new ArrayList<>()).add(record));
            for (String id : List.copyOf(active.keySet())) {
                if (!byId.containsKey(id)) {
                    retireActive(id, "its file was removed");
                    progress = true;
                }
            }
            for (Map.Entry<String, List<FileRecord>> entry : byId.entrySet()) {
                progress |= settle(entry.getKey(), entry.getValue(), force.contains(entry.getKey()));
            }
            if (!progress) {
                return;
            }
            force = Set.of();
        }
    }

    /** @return whether anything was started or retired */
    private boolean settle(String id, List<FileRecord> records, boolean forced) {
        FileRecord winner = records.stream().max(this::compareCandidates).orElseThrow();
        Generation current = active.get(id);
        for (FileRecord record : records) {
            if (record != winner && !runs(record, current)) {
                mark(record, PluginStatus.SUPERSEDED, null, "superseded by " + winner.name + " (" + winner.label() + ")");
            }
        }
        if (stopped.contains(id)) {
            if (current != null) {
                retireActive(id, "stopped by an admin");
            }
            mark(winner, PluginStatus.STOPPED, null, "stopped by an admin");
            return current != null;
        }
        if (current != null && !dependenciesCurrent(current)) {
            // a dependency went away or changed: load it again against the current one, or stop it
            FileRecord own = records.stream().filter(record -> runs(record, current)).findFirst().orElse(winner);
            if (!activate(own, current)) {
                retireActive(id, "its dependencies changed");
            }
            return true;
        }
        if (current != null && !forced && current.jar().sha256().equals(winner.sha256)) {
            // same content (a touched or renamed file): keep it running, show it as such
            current.renamed(winner.name);
            winner.attempted = true;
            winner.handlers = List.copyOf(current.handlers().keySet());
            mark(winner, PluginStatus.STARTED, null, null);
            return false;
        }
        if (winner.attempted && winner.failed() && !forced && !worthRetrying(winner)) {
            return false;
        }
        return activate(winner, current);
    }

    private static boolean runs(FileRecord record, Generation generation) {
        return generation != null && record.name.equals(generation.fileName())
                && generation.jar().sha256().equals(record.sha256);
    }

    /** Highest version first, then the newer file, then the name, so the choice is the same on every host. */
    private int compareCandidates(FileRecord a, FileRecord b) {
        int byVersion = admission.compareVersions(a.jar.version(), b.jar.version());
        if (byVersion != 0) {
            return byVersion;
        }
        long aTime = a.stamp == null ? 0 : a.stamp.modifiedMillis();
        long bTime = b.stamp == null ? 0 : b.stamp.modifiedMillis();
        return aTime != bTime ? Long.compare(aTime, bTime) : b.name.compareTo(a.name);
    }

    /** A failed JAR is tried again unasked only when what stopped it is gone. */
    private boolean worthRetrying(FileRecord record) {
        if (record.problem == PluginProblem.MISSING_DEPENDENCY) {
            String missing = admission.missingDependency(record.jar, active);
            if (missing != null) {
                mark(record, PluginStatus.FAILED, PluginProblem.MISSING_DEPENDENCY, missing); // the reason may have changed
            }
            return missing == null;
        }
        if (record.problem == PluginProblem.HANDLER_CONFLICT) {
            return !record.handlers.isEmpty() && admission.conflict(record.handlers, record.id()) == null;
        }
        return false;
    }

    /**
     * Loads the record's JAR as the new generation of its id and switches the handler names to it; the
     * previous generation is retired after the switch and unloads when its leases are returned.
     *
     * @return whether it started
     */
    private boolean activate(FileRecord record, Generation previous) {
        PluginJar jar = record.jar;
        record.attempted = true;
        String refused = admission.notAllowed(jar);
        if (refused != null) {
            return fail(record, PluginStatus.REJECTED, PluginProblem.NOT_ALLOWED, refused);
        }
        String incompatible = admission.incompatibility(jar);
        if (incompatible != null) {
            return fail(record, PluginStatus.FAILED, PluginProblem.INCOMPATIBLE, incompatible);
        }
        String missing = admission.missingDependency(jar, active);
        if (missing != null) {
            return fail(record, PluginStatus.FAILED, PluginProblem.MISSING_DEPENDENCY, missing);
        }
        Generation next;
        try {
            next = loader.load(jar, record.source, record.name, admission.dependencies(jar, active));
        } catch (PluginException e) {
            return fail(record, PluginStatus.FAILED, e.problem(), e.getMessage());
        }
        record.handlers = List.copyOf(next.handlers().keySet());
        String conflict = admission.conflict(record.handlers, jar.id());
        if (conflict != null) {
            next.unload();
            return fail(record, PluginStatus.FAILED, PluginProblem.HANDLER_CONFLICT, conflict);
        }
        table.replace(previous, next); // publish first, then retire: see HandlerTable
        active.put(jar.id(), next);
        if (previous != null) {
            retire(previous);
        }
        mark(record, PluginStatus.STARTED, null, null);
        log.info("Plugin {} started from {} (sha256 {}) with handlers {}{}", jar.label(), record.name, jar.sha256(),
                record.handlers, previous == null ? "" : ", replacing " + previous.jar().label());
        return true;
    }

    private boolean dependenciesCurrent(Generation generation) {
        return generation.dependencies().stream().allMatch(dependency -> active.get(dependency.id()) == dependency);
    }

    // ---- retiring and unloading -------------------------------------------------------------------

    private void retireActive(String id, String why) {
        Generation generation = active.remove(id);
        table.replace(generation, null);
        log.info("Plugin {} from {} {}: unloading once its {} open lease(s) are returned", generation.jar().label(),
                generation.fileName(), why, generation.activeLeases());
        retire(generation);
    }

    private void retire(Generation generation) {
        draining.add(generation);
        generation.retire();
    }

    /** Called by a generation with no leases or pins left; unloads it off the caller's thread. */
    private void drained(Generation generation) {
        Runnable unload = () -> {
            generation.unload();
            synchronized (this) {
                draining.remove(generation);
            }
            PluginJar jar = generation.jar();
            events.changed(new PluginInfo(jar.id(), jar.version(), jar.provider(), jar.description(),
                    PluginStatus.UNLOADED, null, null, generation.fileName(), jar.sha256(), List.of()));
            log.info("Plugin {} from {} unloaded", jar.label(), generation.fileName());
            events.fire();
        };
        try {
            unloader.execute(unload);
        } catch (RejectedExecutionException e) {
            unload.run(); // the registry is closing
        }
    }

    /** Unloads everything at once, open leases or not: the host is shutting down. */
    void unloadAll() {
        for (String id : List.copyOf(active.keySet())) {
            retireActive(id, "closing");
        }
        aside.values().forEach(this::retire);
        aside.clear();
        asideView = Map.of();
        for (Generation generation : List.copyOf(draining)) {
            generation.unload();
        }
        draining.clear();
    }

    // ---- states and logs --------------------------------------------------------------------------

    private boolean fail(FileRecord record, PluginStatus status, PluginProblem problem, String reason) {
        mark(record, status, problem, reason);
        return false;
    }

    /** Records a state; a new failure gets its one WARN line, every change an event. */
    private void mark(FileRecord record, PluginStatus status, PluginProblem problem, String reason) {
        if (!record.mark(status, problem, reason)) {
            return;
        }
        if (status == PluginStatus.FAILED || status == PluginStatus.REJECTED) {
            String outcome = status == PluginStatus.REJECTED ? "refused" : "not started";
            if (record.jar == null) {
                log.warn("Plugin file {} {}: {}", record.name, outcome, reason);
            } else {
                log.warn("Plugin {} from {} {}: {}", record.label(), record.name, outcome, reason);
            }
        }
        events.changed(record.info());
    }

    private PluginInfo outcome(String id) {
        PluginInfo info = plugin(id).orElseThrow(() -> notFound(id));
        if (info.status() != PluginStatus.STARTED) {
            throw new PluginException(id, info.problem() == null ? PluginProblem.HANDLER_ERROR : info.problem(),
                    info.label() + " is " + info.status() + ": " + info.reason());
        }
        return info;
    }

    private void requireKnown(String id) {
        if (!active.containsKey(id) && recordsOf(id).isEmpty()) {
            throw notFound(id);
        }
    }

    private static PluginException notFound(String id) {
        return new PluginException(id, PluginProblem.NOT_FOUND, "no plugin with id '" + id + "'");
    }

    private List<FileRecord> recordsOf(String id) {
        return files.values().stream().filter(record -> id.equals(record.id())).toList();
    }
}
