package dev.cadre.platform.plugins;

import dev.cadre.plugin.api.ActivityHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one plugin JAR into a new {@link Generation}: copies it to a private shadow file (so the source
 * in the plugins directory can be overwritten or deleted while this generation still reads classes from
 * its copy), then, on a {@link PluginLoadExecutor} thread with its time limit, loads and starts it in its
 * own PF4J manager and creates its handlers. Any failure ({@link Error}s included) unloads what was loaded
 * and is reported as a {@link PluginException} naming the class and the cause.
 */
final class GenerationLoader {

    private static final Logger log = LoggerFactory.getLogger(GenerationLoader.class);

    private final Path shadowDir;
    private final PluginLoadExecutor loads;
    private final Consumer<Generation> onDrained;
    private final AtomicLong serial = new AtomicLong();

    /**
     * @param shadowDir where shadow copies live (private to this host process)
     * @param loads     the threads plugin code runs on, with the time limit
     * @param onDrained called when a retired generation has no leases or pins left
     */
    GenerationLoader(Path shadowDir, PluginLoadExecutor loads, Consumer<Generation> onDrained) {
        this.shadowDir = shadowDir;
        this.loads = loads;
        this.onDrained = onDrained;
    }

    /**
     * @param bytes an uploaded JAR
     * @return a staging file holding them, outside the plugins directory
     * @throws IOException when it cannot be written
     */
    Path stage(byte[] bytes) throws IOException {
        Path staged = shadowDir.resolve("upload-" + serial.incrementAndGet() + ".jar");
        Files.write(staged, bytes);
        return staged;
    }

    /**
     * @param jar          the JAR's inspected facts
     * @param source       the JAR file to load (its bytes must match {@code jar.sha256()})
     * @param fileName     its name in the plugins directory
     * @param dependencies started generations of its dependencies; pinned for the life of the new one
     * @return the started generation with its handlers created
     * @throws PluginException when it cannot be loaded or started, a handler cannot be created, or it
     *                         takes longer than the loader's time limit
     */
    Generation load(PluginJar jar, Path source, String fileName, List<Generation> dependencies) {
        Path copy = shadowDir.resolve(PluginFiles.safeName(jar.id() + "-" + jar.version() + "-" + serial.incrementAndGet()));
        try {
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PluginException(jar.id(), PluginProblem.IO_ERROR, "cannot copy " + fileName + ": " + e.getMessage());
        }
        if (!jar.sha256().equals(PluginJar.sha256(copy))) {
            deleteQuietly(copy);
            throw new PluginException(jar.id(), PluginProblem.IO_ERROR, fileName + " changed while it was being loaded");
        }
        dependencies.forEach(Generation::pin);
        return loads.run(jar, new Load(jar, copy, fileName, dependencies));
    }

    /**
     * One JAR being loaded on a loader thread. What it holds is released exactly once, whether the load
     * fails, is abandoned (time limit) or ends after it was abandoned; on success the generation owns it.
     */
    private final class Load implements LoadTask<Generation> {
        private final PluginJar jar;
        private final Path copy;
        private final String fileName;
        private final List<Generation> dependencies;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile CadrePluginManager manager;
        private volatile PluginClassLoader classLoader;

        Load(PluginJar jar, Path copy, String fileName, List<Generation> dependencies) {
            this.jar = jar;
            this.copy = copy;
            this.fileName = fileName;
            this.dependencies = List.copyOf(dependencies);
        }

        @Override
        public Generation load(LoadProgress progress) {
            try {
                List<PluginClassLoader> dependencyLoaders = new ArrayList<>();
                dependencies.forEach(dependency -> dependencyLoaders.add(dependency.classLoader()));
                manager = new CadrePluginManager(copy, dependencyLoaders);
                PluginWrapper wrapper = startPlugin(manager, jar, copy, progress);
                classLoader = (PluginClassLoader) wrapper.getPluginClassLoader();
                Map<String, ActivityHandler> handlers = createHandlers(manager, jar, classLoader, progress);
                return new Generation(jar, fileName, manager, classLoader, handlers, copy, dependencies, onDrained);
            } catch (Throwable e) {
                undo();
                if (e instanceof PluginException pluginException) {
                    throw pluginException;
                }
                if (e instanceof VirtualMachineError) {
                    log.error("Plugin {} from {}: the JVM failed while loading it: {}", jar.label(), fileName, e.toString());
                }
                throw new PluginException(jar.id(), PluginProblem.HANDLER_ERROR, "cannot load: " + describe(e));
            }
        }

        /** Host code only: the loader thread may still be inside the plugin. */
        @Override
        public void abandon() {
            PluginClassLoader loader = classLoader;
            CadrePluginManager loading = manager;
            if (loader == null && loading != null) {
                loader = (PluginClassLoader) loading.getPluginClassLoader(jar.id()); // stuck in Plugin.start()
            }
            if (loader != null) {
                try {
                    loader.close();
                } catch (IOException e) {
                    log.debug("Plugin {}: cannot close its class loader: {}", jar.label(), e.toString());
                }
            }
            release();
        }

        @Override
        public void discard(Generation late) {
            undo();
        }

        /** Runs on the loader thread: unloading through PF4J calls the plugin's {@code stop()}. */
        private void undo() {
            CadrePluginManager loaded = manager;
            if (loaded != null) {
                unloadQuietly(loaded, jar.id());
            }
            release();
        }

        /** Gives back the shadow copy and the dependency pins (the manager is undone by {@link #undo}). */
        private void release() {
            if (released.compareAndSet(false, true)) {
                deleteQuietly(copy);
                dependencies.forEach(Generation::unpin);
            }
        }
    }

    private static PluginWrapper startPlugin(CadrePluginManager manager, PluginJar jar, Path copy, LoadProgress progress) {
        progress.at("reading the plugin descriptor");
        String id = manager.loadPlugin(copy);
        PluginWrapper wrapper = manager.getPlugin(id);
        if (wrapper.getPluginState() == PluginState.DISABLED) {
            throw new PluginException(jar.id(), PluginProblem.INCOMPATIBLE,
                    "Plugin-Requires '" + jar.requires() + "' does not include the plugin API version of this host");
        }
        String pluginClass = wrapper.getDescriptor().getPluginClass();
        progress.at("starting the plugin" + (pluginClass == null || pluginClass.isBlank() ? "" : " (Plugin class " + pluginClass + ")"));
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            Throwable failure = wrapper.getFailedException();
            throw new PluginException(jar.id(), PluginProblem.HANDLER_ERROR,
                    "PF4J could not start it (" + state + (failure == null ? "" : ": " + describe(failure)) + ")");
        }
        return wrapper;
    }

    /** Creates one instance of every {@link ActivityHandler} class listed in the plugin's indexes. */
    private static Map<String, ActivityHandler> createHandlers(CadrePluginManager manager, PluginJar jar,
                                                               ClassLoader loader, LoadProgress progress) {
        Map<String, ActivityHandler> handlers = new TreeMap<>();
        progress.at("reading its handler indexes");
        for (String className : new TreeSet<>(manager.getExtensionClassNames(jar.id()))) {
            Class<?> type;
            progress.at("loading handler class " + className);
            try {
                // no initialisation yet: classes listed for other service types are only inspected
                type = Class.forName(className, false, loader);
            } catch (Throwable e) {
                throw handlerError(jar, "handler class " + className + " cannot be loaded: " + describe(e));
            }
            if (!ActivityHandler.class.isAssignableFrom(type)) {
                continue;
            }
            ActivityHandler handler;
            String name;
            progress.at("creating handler class " + className);
            try {
                handler = (ActivityHandler) manager.getExtensionFactory().create(type);
                progress.at("calling name() of handler class " + className);
                name = handler.name();
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError) {
                    log.error("Plugin {}: the JVM failed in handler class {}: {}", jar.label(), className, e.toString());
                }
                throw handlerError(jar, "handler class " + className + " could not be created: " + describe(e));
            }
            if (name == null || name.isBlank()) {
                throw handlerError(jar, "handler class " + className + " has a blank name");
            }
            ActivityHandler other = handlers.putIfAbsent(name, handler);
            if (other != null) {
                throw new PluginException(jar.id(), PluginProblem.HANDLER_CONFLICT, "handler name '" + name
                        + "' is provided twice in the plugin, by " + other.getClass().getName() + " and " + className);
            }
        }
        return handlers;
    }

    private static PluginException handlerError(PluginJar jar, String message) {
        return new PluginException(jar.id(), PluginProblem.HANDLER_ERROR, message);
    }

    /** @return the root cause as text: the exception itself must not be kept (it pins the class loader) */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static void unloadQuietly(CadrePluginManager manager, String id) {
        try {
            manager.unloadPlugin(id);
        } catch (Throwable e) {
            // the load already failed (or was abandoned); that failure is the one reported
            log.debug("Plugin {}: unloading the failed load failed too: {}", id, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover shadow copy is removed with the shadow directory on close
        }
    }
}
