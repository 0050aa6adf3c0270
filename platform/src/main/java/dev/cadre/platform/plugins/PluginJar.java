package dev.cadre.platform.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;

/**
 * The facts of a plugin JAR read from its bytes and manifest, before any class of it is loaded: enough to
 * verify an upload, pick the newest file of a plugin id and check requirements.
 *
 * @param sha256       the file's SHA-256, lower-case hex
 * @param id           {@code Plugin-Id}
 * @param version      {@code Plugin-Version}
 * @param provider     {@code Plugin-Provider}, or {@code null}
 * @param description  {@code Plugin-Description}, or {@code null}
 * @param requires     {@code Plugin-Requires} as written, or {@code null}
 * @param dependencies {@code Plugin-Dependencies}, parsed the PF4J way ({@code id[?][@range]}, comma-separated)
 */
record PluginJar(String sha256, String id, String version, String provider, String description, String requires,
                 List<PluginDependency> dependencies) {

    /** Ids become file names and URL path segments: keep them plain. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    PluginJar {
        dependencies = List.copyOf(dependencies);
    }

    /** @return {@code id@version} */
    String label() {
        return id + "@" + version;
    }

    /**
     * @param file a candidate plugin JAR
     * @return its facts
     * @throws PluginException ({@link PluginProblem#INVALID_JAR}) when it is not a readable JAR with a
     *                         {@code Plugin-Id} and {@code Plugin-Version}
     */
    static PluginJar inspect(Path file) {
        String sha256 = sha256(file);
        Manifest manifest;
        try (JarFile jar = new JarFile(file.toFile())) {
            manifest = jar.getManifest();
            // touch every entry so a truncated or corrupt archive fails here, not at class-load time
            jar.stream().forEach(entry -> entry.getName());
        } catch (IOException | RuntimeException e) {
            throw invalid(null, "not a readable JAR (" + e.getMessage() + ")");
        }
        if (manifest == null) {
            throw invalid(null, "no META-INF/MANIFEST.MF");
        }
        Attributes main = manifest.getMainAttributes();
        String id = value(main, ManifestPluginDescriptorFinder.PLUGIN_ID);
        if (id == null) {
            throw invalid(null, "no Plugin-Id in the manifest");
        }
        if (!ID.matcher(id).matches()) {
            throw invalid(id, "Plugin-Id '" + id + "' is not letters, digits, '.', '_' and '-' (at most 100)");
        }
        String version = value(main, ManifestPluginDescriptorFinder.PLUGIN_VERSION);
        if (version == null) {
            throw invalid(id, "no Plugin-Version in the manifest");
        }
        List<PluginDependency> dependencies = new ArrayList<>();
        String declared = value(main, ManifestPluginDescriptorFinder.PLUGIN_DEPENDENCIES);
        if (declared != null) {
            for (String dependency : declared.split(",")) {
                if (!dependency.isBlank()) {
                    dependencies.add(new PluginDependency(dependency.strip()));
                }
            }
        }
        return new PluginJar(sha256, id, version, value(main, ManifestPluginDescriptorFinder.PLUGIN_PROVIDER),
                value(main, ManifestPluginDescriptorFinder.PLUGIN_DESCRIPTION),
                value(main, ManifestPluginDescriptorFinder.PLUGIN_REQUIRES), dependencies);
    }

    /**
     * @param file a file
     * @return its SHA-256, lower-case hex
     * @throws PluginException ({@link PluginProblem#IO_ERROR}) when it cannot be read
     */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new PluginException(null, PluginProblem.IO_ERROR, "cannot read " + file.getFileName() + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String value(Attributes attributes, String name) {
        String value = attributes.getValue(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static PluginException invalid(String id, String what) {
        return new PluginException(id, PluginProblem.INVALID_JAR, what);
    }

}
