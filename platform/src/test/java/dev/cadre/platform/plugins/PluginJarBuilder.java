package dev.cadre.platform.plugins;

import dev.cadre.plugin.api.ActivityHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.pf4j.ExtensionPoint;
import org.slf4j.Logger;

/**
 * Builds real plugin JARs inside tests: a manifest, handler classes compiled from source with the JDK's
 * compiler (so they exist only in the JAR, never on the test class path: true class-loader isolation),
 * and the {@code META-INF/services} or {@code @Extension} index entries that declare them.
 */
final class PluginJarBuilder {

    /** Compiled classes by sources and class path: many tests build the same plugin. */
    private static final Map<String, Map<String, byte[]>> COMPILED = new ConcurrentHashMap<>();

    private final Manifest manifest = new Manifest();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final List<String> indexed = new ArrayList<>();
    private final List<Path> classPath = new ArrayList<>();
    private final String packageName;
    private boolean withManifest = true;
    private boolean directoryEntries = true;

    private PluginJarBuilder(String packageName) {
        this.packageName = packageName;
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    }

    /**
     * @param id      Plugin-Id
     * @param version Plugin-Version
     * @return a builder with the manifest of a well-formed plugin (provider, {@code >=1.0.0 <2.0.0})
     */
    static PluginJarBuilder plugin(String id, String version) {
        PluginJarBuilder builder = new PluginJarBuilder(
                "test." + id.replaceAll("[^A-Za-z0-9]", "_") + ".v" + version.replaceAll("[^A-Za-z0-9]", "_"));
        return builder.attribute("Plugin-Id", id).attribute("Plugin-Version", version)
                .attribute("Plugin-Provider", "Cadre tests").attribute("Plugin-Description", "test plugin " + id)
                .attribute("Plugin-Requires", ">=1.0.0 <2.0.0");
    }

    /** @return a builder of a JAR without a manifest */
    static PluginJarBuilder withoutManifest() {
        PluginJarBuilder builder = new PluginJarBuilder("test.nomanifest");
        builder.withManifest = false;
        return builder;
    }

    /** Leaves out directory entries, as some JAR tools do (Maven's JAR plugin writes them). */
    PluginJarBuilder withoutDirectoryEntries() {
        directoryEntries = false;
        return this;
    }

    PluginJarBuilder attribute(String name, String value) {
        if (value == null) {
            manifest.getMainAttributes().remove(new Attributes.Name(name));
        } else {
            manifest.getMainAttributes().putValue(name, value);
        }
        return this;
    }

    /**
     * Adds a handler that answers {@code {"handler": name, "version": <Plugin-Version>}}, declared in
     * {@code META-INF/services}.
     */
    PluginJarBuilder handler(String handlerName) {
        String version = manifest.getMainAttributes().getValue("Plugin-Version");
        return handler(handlerName, "return \"" + handlerName + "\";",
                "return ActivityResult.completed(Map.of(\"handler\", \"" + handlerName + "\", \"version\", \"" + version + "\"));",
                "");
    }

    /**
     * Adds a handler class from pieces of source, declared in {@code META-INF/services}.
     *
     * @param className   simple class name
     * @param nameBody    body of {@code name()}
     * @param executeBody body of {@code execute(context)}
     * @param members     more members (a constructor, fields)
     */
    PluginJarBuilder handler(String className, String nameBody, String executeBody, String members) {
        String simple = className.replaceAll("[^A-Za-z0-9]", "") + (className.endsWith("Handler") ? "" : "Handler");
        String fqcn = packageName + "." + simple;
        source(fqcn, "package " + packageName + ";\n"
                + "import dev.cadre.plugin.api.*;\nimport java.util.Map;\n"
                + "public class " + simple + " implements ActivityHandler {\n" + members + "\n"
                + "  public String name() { " + nameBody + " }\n"
                + "  public ActivityResult execute(ActivityContext context) { " + executeBody + " }\n}\n");
        services.add(fqcn);
        return this;
    }

    /** Adds any class. */
    PluginJarBuilder source(String fqcn, String source) {
        sources.put(fqcn, source);
        return this;
    }

    /** Declares a class in {@code META-INF/services/dev.cadre.plugin.api.ActivityHandler}. */
    PluginJarBuilder service(String fqcn) {
        services.add(fqcn);
        return this;
    }

    /** Declares a class in PF4J's {@code @Extension} index ({@code META-INF/extensions.idx}). */
    PluginJarBuilder indexed(String fqcn) {
        indexed.add(fqcn);
        return this;
    }

    /** Compiles against another plugin's JAR too (for a plugin that uses its dependency's classes). */
    PluginJarBuilder compileAgainst(Path jar) {
        classPath.add(jar);
        return this;
    }

    String packageName() {
        return packageName;
    }

    byte[] build() {
        Map<String, byte[]> classes = compile();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = withManifest ? new JarOutputStream(bytes, manifest) : new JarOutputStream(bytes)) {
            Set<String> directories = new TreeSet<>();
            Map<String, byte[]> entries = new LinkedHashMap<>(classes);
            if (!services.isEmpty()) {
                entries.put("META-INF/services/" + ActivityHandler.class.getName(),
                        (String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!indexed.isEmpty()) {
                entries.put("META-INF/extensions.idx", (String.join("\n", indexed) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (String name : entries.keySet()) {
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    directories.add(name.substring(0, slash + 1));
                }
            }
            if (directoryEntries) {
                for (String directory : directories) {
                    if (!directory.equals("META-INF/")) {
                        jar.putNextEntry(new JarEntry(directory));
                        jar.closeEntry();
                    }
                }
            }
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(jar, entry.getKey(), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the JAR at once (tests that want a half-written file write the bytes themselves). */
    Path writeTo(Path file) {
        try {
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(temporary, build());
            return Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }

    private Map<String, byte[]> compile() {
        if (sources.isEmpty()) {
            return Map.of();
        }
        String key = sources + "|" + classPath;
        return COMPILED.computeIfAbsent(key, k -> compileNow());
    }

    private Map<String, byte[]> compileNow() {
        Path work = null;
        try {
            work = Files.createTempDirectory("plugin-src-");
            Path src = Files.createDirectories(work.resolve("src"));
            Path out = Files.createDirectories(work.resolve("out"));
            List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "-classpath", compileClassPath(),
                    "--release", "17", "-proc:none", "-nowarn"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("test plugin sources do not compile:\n" + errors.toString(StandardCharsets.UTF_8) + "\n" + sources);
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    classes.put(out.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(work);
        }
    }

    private String compileClassPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(ActivityHandler.class, ExtensionPoint.class, Logger.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        classPath.forEach(jar -> entries.add(jar.toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
