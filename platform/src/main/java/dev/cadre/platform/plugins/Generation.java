package dev.cadre.platform.plugins;

import dev.cadre.plugin.api.ActivityHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.pf4j.PluginClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded plugin JAR: its PF4J manager, class loader and handler instances. Two generations of one
 * plugin id live side by side during an upgrade.
 *
 * <p>Lifecycle: live (leases granted) -> retired (no new leases; open ones finish) -> drained ->
 * unloaded (class loader closed, every reference to the plugin's classes dropped). Leases and pins
 * (dependent generations that load classes through this one) both keep it from draining.
 */
final class Generation {

    private static final Logger log = LoggerFactory.getLogger(Generation.class);

    private final PluginJar jar;
    private volatile String fileName;
    private final List<Generation> dependencies;
    private final Consumer<Generation> onDrained;
    private final CompletableFuture<Void> unloaded = new CompletableFuture<>();

    private CadrePluginManager manager;
    private PluginClassLoader classLoader;
    private Map<String, ActivityHandler> handlers;
    private Path shadowCopy;
    private int leases;
    private int pins;
    private boolean retired;
    private boolean drainedSignalled;

    Generation(PluginJar jar, String fileName, CadrePluginManager manager, PluginClassLoader classLoader,
               Map<String, ActivityHandler> handlers, Path shadowCopy, List<Generation> dependencies,
               Consumer<Generation> onDrained) {
        this.jar = jar;
        this.fileName = fileName;
        this.manager = manager;
        this.classLoader = classLoader;
        this.handlers = Collections.unmodifiableSortedMap(new TreeMap<>(handlers));
        this.shadowCopy = shadowCopy;
        this.dependencies = new ArrayList<>(dependencies);
        this.onDrained = onDrained;
    }

    PluginJar jar() {
        return jar;
    }

    String id() {
        return jar.id();
    }

    /** @return its file's name in the plugins directory (the file may have been renamed since it was loaded) */
    String fileName() {
        return fileName;
    }

    void renamed(String newFileName) {
        fileName = newFileName;
    }

    /** @return the generations this one loads classes from, as bound at load time */
    synchronized List<Generation> dependencies() {
        return List.copyOf(dependencies);
    }

    /** @return handler name -> instance; empty once unloaded */
    synchronized Map<String, ActivityHandler> handlers() {
        return handlers == null ? Map.of() : handlers;
    }

    /** @return the class loader, for dependents; {@code null} once unloaded */
    synchronized PluginClassLoader classLoader() {
        return classLoader;
    }

    /** @return whether a lease was granted; false once retired (a newer table is already published) */
    synchronized boolean tryAcquire() {
        if (retired) {
            return false;
        }
        leases++;
        return true;
    }

    /** Returns a lease. */
    void release() {
        boolean drained;
        synchronized (this) {
            leases--;
            drained = checkDrained();
        }
        signal(drained);
    }

    /** A dependent generation now loads classes through this one. */
    synchronized void pin() {
        pins++;
    }

    /** A dependent generation was unloaded. */
    void unpin() {
        boolean drained;
        synchronized (this) {
            pins--;
            drained = checkDrained();
        }
        signal(drained);
    }

    /** Stops granting leases; unloads (through {@code onDrained}) once open leases and pins are gone. */
    void retire() {
        boolean drained;
        synchronized (this) {
            retired = true;
            drained = checkDrained();
        }
        signal(drained);
    }

    synchronized boolean retired() {
        return retired;
    }

    /** @return handler leases open now */
    synchronized int activeLeases() {
        return leases;
    }

    /** @return completes when the class loader is closed */
    CompletableFuture<Void> whenUnloaded() {
        return unloaded;
    }

    /**
     * Unloads through PF4J (which closes the class loader), deletes the shadow copy and drops every
     * reference to the plugin's classes. Idempotent.
     */
    void unload() {
        CadrePluginManager oldManager;
        PluginClassLoader oldLoader;
        Path oldCopy;
        List<Generation> oldDependencies;
        synchronized (this) {
            if (manager == null) {
                return;
            }
            retired = true;
            oldManager = manager;
            oldLoader = classLoader;
            oldCopy = shadowCopy;
            oldDependencies = List.copyOf(dependencies);
            manager = null;
            classLoader = null;
            handlers = null;
            shadowCopy = null;
            dependencies.clear();
        }
        try {
            oldManager.unloadPlugin(jar.id()); // runs the plugin's stop()
        } catch (Throwable e) {
            log.warn("Plugin {} from {}: PF4J could not unload it cleanly: {}", jar.label(), fileName, e.toString());
        }
        try {
            oldLoader.close(); // PF4J closed it already unless its unload failed; closing twice is harmless
            Files.deleteIfExists(oldCopy);
        } catch (IOException e) {
            log.warn("Plugin {} from {}: could not release {}: {}", jar.label(), fileName, oldCopy, e.toString());
        }
        oldDependencies.forEach(Generation::unpin);
        unloaded.complete(null);
    }

    private boolean checkDrained() {
        if (retired && leases == 0 && pins == 0 && !drainedSignalled) {
            drainedSignalled = true;
            return true;
        }
        return false;
    }

    private void signal(boolean drained) {
        if (drained) {
            onDrained.accept(this);
        }
    }

    @Override
    public String toString() {
        return jar.label() + " (" + fileName + ")";
    }
}
