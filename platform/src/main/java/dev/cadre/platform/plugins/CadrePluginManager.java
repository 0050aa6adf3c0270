package dev.cadre.platform.plugins;

import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.PluginApi;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.DefaultExtensionFinder;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.ExtensionFinder;
import org.pf4j.IndexedExtensionFinder;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.ServiceProviderExtensionFinder;
import org.pf4j.VersionManager;
import org.pf4j.processor.ExtensionStorage;

/**
 * The PF4J manager of one plugin JAR generation. PF4J holds one plugin per id in a manager, and Cadre
 * must hold two versions of an id during an upgrade, so every loaded JAR gets its own manager; Cadre
 * resolves dependencies between generations itself (see {@link CadreClassLoader}).
 *
 * <p>Customised through PF4J's factory methods: manifest descriptors, the JAR loader with Cadre's class
 * loader, handlers found through both {@code META-INF/services} and the {@code @Extension} index of the
 * plugin only (built-ins are {@link BuiltinHandlerRegistry}'s job), Cadre's version ranges, and no file
 * access of its own (no scanning, no deleting, no enabled/disabled files).
 */
final class CadrePluginManager extends JarPluginManager {

    /** Assigned after PF4J's constructor ran the factories; read only when the class loader is created. */
    private final List<PluginClassLoader> dependencyLoaders;

    CadrePluginManager(Path jar, List<PluginClassLoader> dependencyLoaders) {
        super(jar.getParent());
        this.dependencyLoaders = List.copyOf(dependencyLoaders);
        setSystemVersion(PluginApi.VERSION);
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder() {
            @Override
            protected DefaultPluginDescriptor createPluginDescriptorInstance() {
                return new LocalDescriptor();
            }
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new CadreClassLoader(pluginManager, descriptor, ActivityHandler.class.getClassLoader(),
                        dependencyLoaders);
            }
        };
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        ExtensionFinder finder = new PluginExtensionFinder(this);
        addPluginStateListener((DefaultExtensionFinder) finder);
        return finder;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        // Cadre loads each JAR by path and owns the plugins directory: nothing to list, nothing to delete
        return new PluginRepository() {
            @Override
            public List<Path> getPluginPaths() {
                return List.of();
            }

            @Override
            public boolean deletePluginPath(Path pluginPath) {
                return false;
            }
        };
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                // Cadre keeps stopped plugins itself
            }

            @Override
            public void enablePlugin(String pluginId) {
                // Cadre keeps stopped plugins itself
            }
        };
    }

    @Override
    protected VersionManager createVersionManager() {
        return new CadreVersionManager();
    }

    /**
     * A descriptor without {@code Plugin-Dependencies}: a one-plugin manager would report every
     * dependency as missing; Cadre checks them across generations before loading.
     */
    private static final class LocalDescriptor extends DefaultPluginDescriptor {
        @Override
        protected DefaultPluginDescriptor setDependencies(String dependencies) {
            return super.setDependencies((String) null);
        }
    }

    /** The {@code @Extension} index and {@code META-INF/services}, read from the plugin JAR only. */
    private static final class PluginExtensionFinder extends DefaultExtensionFinder {
        PluginExtensionFinder(PluginManager manager) {
            super(manager);
            finders.clear();
            add(new IndexedExtensionFinder(manager) {
                @Override
                public Map<String, Set<String>> readClasspathStorages() {
                    return Map.of();
                }
            });
            add(new HandlerServicesFinder(manager));
        }
    }

    /**
     * PF4J's {@code META-INF/services} finder, plus the handler services file read directly: PF4J lists
     * the {@code META-INF/services} directory entry, which JARs written without directory entries lack,
     * and their handlers would go unseen.
     */
    private static final class HandlerServicesFinder extends ServiceProviderExtensionFinder {
        private static final String HANDLER_SERVICES = "META-INF/services/" + ActivityHandler.class.getName();

        HandlerServicesFinder(PluginManager manager) {
            super(manager);
        }

        @Override
        public Map<String, Set<String>> readClasspathStorages() {
            return Map.of();
        }

        @Override
        public Map<String, Set<String>> readPluginsStorages() {
            Map<String, Set<String>> result = new LinkedHashMap<>(super.readPluginsStorages());
            for (PluginWrapper plugin : pluginManager.getPlugins()) {
                URL url = ((PluginClassLoader) plugin.getPluginClassLoader()).findResource(HANDLER_SERVICES);
                if (url == null) {
                    continue;
                }
                Set<String> classNames = new HashSet<>(result.getOrDefault(plugin.getPluginId(), Set.of()));
                try {
                    URLConnection connection = url.openConnection();
                    connection.setUseCaches(false); // a cached JarFile would outlive the plugin
                    try (Reader reader = new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8)) {
                        ExtensionStorage.read(reader, classNames);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + HANDLER_SERVICES + " of " + plugin.getPluginId(), e);
                }
                result.put(plugin.getPluginId(), classNames);
            }
            return result;
        }
    }
}
