package dev.cadre.platform.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.processor.IndexedExtensionStorage;

/**
 * A plugin's class loader: plugin first, then the plugins it depends on, then the host; except the
 * plugin API and SLF4J, which always come from the host, so a copy bundled in a plugin JAR cannot split
 * class identity ({@code ClassCastException} on {@code ActivityHandler}) or logging.
 *
 * <p>Dependencies are other generations' class loaders, bound when the plugin is loaded (Cadre runs one
 * PF4J manager per JAR, so PF4J's own lookup by id would find nothing).
 */
final class CadreClassLoader extends PluginClassLoader {

    /** Packages always loaded from the host, never from a plugin JAR. */
    static final List<String> PARENT_FIRST = List.of("dev.cadre.plugin.api.", "org.slf4j.");

    private final List<PluginClassLoader> dependencies;

    CadreClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent,
                     List<PluginClassLoader> dependencies) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
        this.dependencies = List.copyOf(dependencies);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        if (super.shouldDelegateToParent(className)) {
            return true;
        }
        for (String prefix : PARENT_FIRST) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public URL getResource(String name) {
        // PF4J reads the @Extension index through getResource; never let it fall through to the host's index
        if (IndexedExtensionStorage.EXTENSIONS_RESOURCE.equals(name)) {
            return findResource(name);
        }
        return super.getResource(name);
    }

    @Override
    protected Class<?> loadClassFromDependencies(String className) {
        for (PluginClassLoader dependency : dependencies) {
            try {
                return dependency.loadClass(className);
            } catch (ClassNotFoundException e) {
                // not in this dependency: try the next one
            }
        }
        return null;
    }

    @Override
    protected URL findResourceFromDependencies(String name) {
        for (PluginClassLoader dependency : dependencies) {
            URL url = dependency.findResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Collection<URL> findResourcesFromDependencies(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (PluginClassLoader dependency : dependencies) {
            urls.addAll(Collections.list(dependency.findResources(name)));
        }
        return urls;
    }
}
