package dev.cadre.platform.host;

import dev.cadre.platform.config.CadreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin JARs an installation ships in {@code $CADRE_HOME/plugins}, and the installed plugins directory
 * under the data directory ({@code $CADRE_DATA_DIR/plugins}) that the host loads from. The installed
 * directory is seeded with the bundled JARs once, when it does not exist yet; after that it belongs to the
 * admins (what they install or remove survives an upgrade), and a bundled JAR that differs from what is
 * installed is reported, never copied over it.
 */
public final class BundledPlugins {

    private static final Logger log = LoggerFactory.getLogger(BundledPlugins.class);

    private final Path bundled;
    private final Path installed;

    /**
     * @param bundled   the installation's plugin JARs
     * @param installed the directory the host loads plugins from
     */
    public BundledPlugins(Path bundled, Path installed) {
        this.bundled = bundled;
        this.installed = installed;
    }

    /**
     * Seeds the default plugins directory when the configuration uses it; an explicit
     * {@code CADRE_PLUGINS_DIR} is left as it is.
     *
     * @param config the host configuration
     * @throws UncheckedIOException when the directory cannot be seeded
     */
    public static void seed(CadreConfig config) {
        if (config.seedsBundledPlugins()) {
            new BundledPlugins(config.bundledPluginsDir(), config.pluginsDir()).seed();
        }
    }

    /**
     * @param config the host configuration
     * @return the directory whose JARs a host started now would load: the plugins directory, or the bundled
     *         JARs while the default plugins directory has not been seeded yet (for commands that only look)
     */
    public static Path loadableDir(CadreConfig config) {
        return config.seedsBundledPlugins() && !Files.isDirectory(config.pluginsDir()) ? config.bundledPluginsDir() : config.pluginsDir();
    }

    /**
     * Copies the bundled JARs into the installed directory when it does not exist (through a temporary
     * directory renamed into place, so a crash never leaves it half seeded); otherwise logs each bundled
     * plugin that is missing from it or differs from the installed one.
     *
     * @return the file names copied (empty when the directory existed)
     * @throws UncheckedIOException when a file cannot be read or copied
     */
    public List<String> seed() {
        try {
            List<Path> jars = jars(bundled);
            if (Files.isDirectory(installed)) {
                compare(jars);
                return List.of();
            }
            Files.createDirectories(installed.getParent());
            Path staging = installed.resolveSibling(installed.getFileName() + ".seeding");
            deleteStaging(staging);
            Files.createDirectories(staging);
            List<String> copied = new ArrayList<>();
            for (Path jar : jars) {
                Files.copy(jar, staging.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                copied.add(jar.getFileName().toString());
            }
            Files.move(staging, installed, StandardCopyOption.ATOMIC_MOVE);
            log.info("Installed plugins directory {} created with the {} bundled plugin JAR(s) of {}: {}",
                    installed, copied.size(), bundled, copied);
            return copied;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seed the plugins directory " + installed + " from " + bundled + ": " + e.getMessage(), e);
        }
    }

    private void compare(List<Path> jars) throws IOException {
        Map<String, Path> installedById = new TreeMap<>();
        for (Path jar : jars(installed)) {
            installedById.put(pluginId(jar), jar);
        }
        for (Path jar : jars) {
            String id = pluginId(jar);
            Path current = installedById.get(id);
            if (current == null) {
                log.info("Bundled plugin {} ({}) is not installed in {}; install it with `bin/cadre plugins install {}` if you want it",
                        id, jar.getFileName(), installed, jar);
            } else if (Files.mismatch(current, jar) != -1) {
                log.warn("Bundled plugin {} differs from the installed one: {} ships {}, {} has {}; the installed JAR stays."
                        + " To take the bundled one: bin/cadre plugins install {}", id, bundled, jar.getFileName(), installed,
                        current.getFileName(), jar);
            }
        }
    }

    /** @return the JAR's {@code Plugin-Id}, or its file name when it has none */
    private static String pluginId(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String id = manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Id");
            return id == null || id.isBlank() ? jar.getFileName().toString() : id.trim();
        } catch (IOException e) {
            return jar.getFileName().toString();
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static void deleteStaging(Path staging) throws IOException {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
