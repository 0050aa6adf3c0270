package dev.cadre.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds the real PF4J plugin JAR that ships {@link NoOpStepHandler}: a manifest, the class, its service entry. */
final class NoOpPlugin {

    static final String ID = "bench-noop";

    private NoOpPlugin() {
    }

    /** @return the JAR's bytes, for {@code POST /api/plugins} */
    static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", ID);
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Provider", "Cadre host benchmark");
        main.putValue("Plugin-Requires", ">=1.0.0 <2.0.0");
        main.putValue("Plugin-Dependencies", "");
        String classFile = NoOpStepHandler.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream entries = new JarOutputStream(bytes, manifest);
             InputStream handler = NoOpStepHandler.class.getClassLoader().getResourceAsStream(classFile)) {
            if (handler == null) {
                throw new IOException(classFile + " is not on the class path");
            }
            entries.putNextEntry(new JarEntry(classFile));
            handler.transferTo(entries);
            entries.closeEntry();
            entries.putNextEntry(new JarEntry("META-INF/services/dev.cadre.plugin.api.ActivityHandler"));
            entries.write((NoOpStepHandler.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        return bytes.toByteArray();
    }
}
