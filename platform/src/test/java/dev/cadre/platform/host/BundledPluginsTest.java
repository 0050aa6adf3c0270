package dev.cadre.platform.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledPluginsTest {

    @TempDir Path home;

    @Test
    void defaultPluginsDirLivesInTheDataDirAndIsSeededOnceFromTheBundle() throws IOException {
        Path data = home.resolve("elsewhere/data");
        CadreConfig config = new ConfigLoader(Map.of("CADRE_HOME", home.toString(), "CADRE_DATA_DIR", data.toString())).load(home);
        assertEquals(data, config.dataDir());
        assertEquals(data.resolve("plugins"), config.pluginsDir());
        assertTrue(config.seedsBundledPlugins());

        jar(home.resolve("plugins/planning-1.0.0.jar"), "planning", "bundled v1");
        assertEquals(home.resolve("plugins"), BundledPlugins.loadableDir(config), "before seeding, commands look at the bundle");
        BundledPlugins.seed(config);
        assertTrue(Files.isRegularFile(data.resolve("plugins/planning-1.0.0.jar")));
        assertEquals(config.pluginsDir(), BundledPlugins.loadableDir(config));

        // an admin removes it and installs their own; a new bundle differs: nothing is copied over theirs
        Files.delete(data.resolve("plugins/planning-1.0.0.jar"));
        jar(data.resolve("plugins/mine.jar"), "mine", "admin's");
        byte[] mine = Files.readAllBytes(data.resolve("plugins/mine.jar"));
        jar(home.resolve("plugins/planning-1.0.0.jar"), "planning", "bundled v2");
        jar(home.resolve("plugins/mine-bundled.jar"), "mine", "bundled mine");
        assertEquals(List.of(), new BundledPlugins(config.bundledPluginsDir(), config.pluginsDir()).seed());
        assertEquals(List.of("mine.jar"), names(data.resolve("plugins")));
        assertArrayEquals(mine, Files.readAllBytes(data.resolve("plugins/mine.jar")));
    }

    @Test
    void anExplicitPluginsDirIsUsedAsItIs() throws IOException {
        CadreConfig config = new ConfigLoader(Map.of("CADRE_HOME", home.toString(), "CADRE_PLUGINS_DIR", "plugins")).load(home);
        assertEquals(home.resolve("data"), config.dataDir(), "CADRE_DATA_DIR defaults to $CADRE_HOME/data");
        assertEquals(home.resolve("plugins"), config.pluginsDir());
        assertFalse(config.seedsBundledPlugins());
        jar(home.resolve("plugins/planning-1.0.0.jar"), "planning", "bundled");
        BundledPlugins.seed(config);
        assertFalse(Files.exists(home.resolve("data/plugins")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void jar(Path file, String id, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", id);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("content.txt"));
            jar.write(content.getBytes());
            jar.closeEntry();
        }
    }
}
