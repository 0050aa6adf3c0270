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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads one plugin JAR into a new {@link Generation}: copies it to a private shadow file (so the source
 * in the plugins directory can be overwritten or deleted while this generation still reads classes from
 * its copy), loads and starts it in its own PF4J manager, and creates its handlers. Any failure unloads
 * what was loaded and is reported as a {@link PluginException} naming the class and the cause.
 */
final class GenerationLoader {

    private final Path shadowDir;
    private final Consumer<Generation> onDrained;
    private final AtomicLong serial = new AtomicLong();

    /**
     * @param shadowDir where shadow copies live (private to this host process)
     * @param onDrained called when a retired generation has no leases or pins left
     */
    GenerationLoader(Path shadowDir, Consumer<Generation> onDrained) {
        this.shadowDir = shadowDir;
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
     * @throws PluginException when it cannot be loaded or started or a handler cannot be created
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
        List<PluginClassLoader> dependencyLoaders = new ArrayList<>();
        dependencies.forEach(dependency -> {
            dependency.pin();
            dependencyLoaders.add(dependency.classLoader());
        });
        CadrePluginManager manager = null;
        try {
            manager = new CadrePluginManager(copy, dependencyLoaders);
            PluginWrapper wrapper = startPlugin(manager, jar, copy);
            PluginClassLoader loader = (PluginClassLoader) wrapper.getPluginClassLoader();
            Map<String, ActivityHandler> handlers = createHandlers(manager, jar, loader);
            return new Generation(jar, fileName, manager, loader, handlers, copy, dependencies, onDrained);
        } catch (RuntimeException | LinkageError e) {
            if (manager != null) {
                unloadQuietly(manager, jar.id());
            }
            deleteQuietly(copy);
            dependencies.forEach(Generation::unpin);
            if (e instanceof PluginException pluginException) {
                throw pluginException;
            }
            throw new PluginException(jar.id(), PluginProblem.HANDLER_ERROR, "cannot load: " + describe(e));
        }
    }

    private static PluginWrapper startPlugin(CadrePluginManager manager, PluginJar jar, Path copy) {
        String id = manager.loadPlugin(copy);
        PluginWrapper wrapper = manager.getPlugin(id);
        if (wrapper.getPluginState() == PluginState.DISABLED) {
            throw new PluginException(jar.id(), PluginProblem.INCOMPATIBLE,
                    "Plugin-Requires '" + jar.requires() + "' does not include the plugin API version of this host");
        }
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
                                                               ClassLoader loader) {
        Map<String, ActivityHandler> handlers = new TreeMap<>();
        for (String className : new TreeSet<>(manager.getExtensionClassNames(jar.id()))) {
            Class<?> type;
            try {
                // no initialisation yet: classes listed for other service types are only inspected
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw handlerError(jar, "handler class " + className + " cannot be loaded: " + describe(e));
            }
            if (!ActivityHandler.class.isAssignableFrom(type)) {
                continue;
            }
            ActivityHandler handler;
            String name;
            try {
                handler = (ActivityHandler) manager.getExtensionFactory().create(type);
                name = handler.name();
            } catch (RuntimeException | LinkageError e) {
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
        } catch (RuntimeException e) {
            // the load already failed; that failure is the one reported
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
