package dev.cadre.distribution.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds the plugin JAR that ships {@link PacedStepHandler} to the hosts: a manifest, the class, its service entry. */
public final class FaultPlugin {

    private FaultPlugin() {
    }

    /**
     * @param pluginsDir a host's plugins directory
     * @return the JAR written there
     */
    public static Path writeTo(Path pluginsDir) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "faults");
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Provider", "Cadre fault tests");
        main.putValue("Plugin-Requires", ">=1.0.0 <2.0.0");
        main.putValue("Plugin-Dependencies", "");
        String classFile = PacedStepHandler.class.getName().replace('.', '/') + ".class";
        Files.createDirectories(pluginsDir);
        Path jar = pluginsDir.resolve("faults-plugin-1.0.0.jar");
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream entries = new JarOutputStream(out, manifest);
             InputStream handler = PacedStepHandler.class.getClassLoader().getResourceAsStream(classFile)) {
            if (handler == null) {
                throw new IOException(classFile + " is not on the test class path");
            }
            entries.putNextEntry(new JarEntry(classFile));
            handler.transferTo(entries);
            entries.closeEntry();
            entries.putNextEntry(new JarEntry("META-INF/services/dev.cadre.plugin.api.ActivityHandler"));
            entries.write((PacedStepHandler.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        return jar;
    }
}
