package dev.cadre.platform.plugins;

import static dev.cadre.platform.plugins.PluginTestSupport.info;
import static dev.cadre.platform.plugins.PluginTestSupport.registry;
import static dev.cadre.platform.plugins.PluginTestSupport.run;
import static dev.cadre.platform.plugins.PluginTestSupport.versionServing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, leasing, provenance and the admin operations on well-formed plugins. */
class PluginHandlerRegistryTest {

    @TempDir
    Path dir;

    @Test
    void startsPluginsInTheDirectoryAndLeasesTheirHandlersWithProvenance() throws Exception {
        PluginJarBuilder.plugin("greetings", "1.2.0").handler("Hello").handler("Bye").writeTo(dir.resolve("greetings.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            PluginInfo plugin = info(registry, "greetings.jar");
            assertEquals(PluginStatus.STARTED, plugin.status());
            assertEquals("greetings", plugin.id());
            assertEquals("1.2.0", plugin.version());
            assertEquals("Cadre tests", plugin.provider());
            assertEquals("test plugin greetings", plugin.description());
            assertEquals(List.of("Bye", "Hello"), plugin.handlers());
            assertEquals(PluginJar.sha256(dir.resolve("greetings.jar")), plugin.sha256());
            assertNull(plugin.reason());

            try (HandlerLease lease = registry.lease("Hello").orElseThrow()) {
                assertEquals(new HandlerProvenance("Hello", "greetings", "1.2.0", plugin.sha256()), lease.provenance());
                assertEquals(Map.of("handler", "Hello", "version", "1.2.0"), lease.handler().execute(null).output());
                assertEquals(1, registry.activeLeases("greetings"));
            }
            assertEquals(0, registry.activeLeases("greetings"));
            assertEquals("greetings@1.2.0", registry.handlers().get("Bye").source());
            assertTrue(registry.handlers().get("BuiltinEcho").isBuiltin());
            assertEquals(Map.of("handler", "BuiltinEcho"), run(registry, "BuiltinEcho"));
            assertTrue(registry.lease("Nobody").isEmpty());
        }
    }

    @Test
    void pluginClassesComeFromThePluginJarAndTheApiFromTheHost() throws Exception {
        PluginJarBuilder.plugin("isolated", "1.0.0").handler("Isolated").writeTo(dir.resolve("isolated.jar"));

        try (PluginHandlerRegistry registry = registry(dir); HandlerLease lease = registry.lease("Isolated").orElseThrow()) {
            ActivityHandler handler = lease.handler();
            assertInstanceOf(CadreClassLoader.class, handler.getClass().getClassLoader());
            // the handler is an ActivityHandler of the host's API class, not a copy
            assertSame(ActivityHandler.class, handler.getClass().getInterfaces()[0]);
            assertThrows(ClassNotFoundException.class, () -> Class.forName(handler.getClass().getName()));
        }
    }

    @Test
    void aCopyOfThePluginApiInsideAPluginJarIsIgnored() throws Exception {
        PluginJarBuilder.plugin("bundler", "1.0.0")
                .source("dev.cadre.plugin.api.PluginApi", "package dev.cadre.plugin.api;\n"
                        + "public final class PluginApi { public static final String VERSION = \"9.9.9\"; "
                        + "public static String version() { return VERSION; } }\n")
                .handler("Bundler", "return \"Bundler\";",
                        "return ActivityResult.completed(Map.of(\"api\", dev.cadre.plugin.api.PluginApi.class.getClassLoader() == null ? \"boot\" : dev.cadre.plugin.api.PluginApi.class.getClassLoader().getClass().getSimpleName()));", "")
                .writeTo(dir.resolve("bundler.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            assertEquals(PluginStatus.STARTED, info(registry, "bundler.jar").status());
            Object loader = run(registry, "Bundler").get("api");
            assertNotEquals("CadreClassLoader", loader, "the plugin's own copy of the API was loaded");
        }
    }

    @Test
    void handlersDeclaredInTheExtensionIndexAreFoundToo() throws Exception {
        PluginJarBuilder builder = PluginJarBuilder.plugin("indexed", "1.0.0");
        String fqcn = builder.packageName() + ".IndexedHandler";
        builder.source(fqcn, "package " + builder.packageName() + ";\n"
                + "import dev.cadre.plugin.api.*;\nimport java.util.Map;\n"
                + "@org.pf4j.Extension public class IndexedHandler implements ActivityHandler {\n"
                + "  public String name() { return \"Indexed\"; }\n"
                + "  public ActivityResult execute(ActivityContext c) { return ActivityResult.completed(Map.of()); }\n}\n")
                .indexed(fqcn).writeTo(dir.resolve("indexed.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            assertEquals(List.of("Indexed"), info(registry, "indexed.jar").handlers());
            assertEquals("1.0.0", versionServing(registry, "Indexed"));
        }
    }

    @Test
    void findsServiceHandlersInJarsWithoutDirectoryEntries() {
        PluginJarBuilder.plugin("flat", "1.0.0").handler("Flat").withoutDirectoryEntries().writeTo(dir.resolve("flat.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            assertEquals(List.of("Flat"), info(registry, "flat.jar").handlers());
        }
    }

    @Test
    void installStoresTheUploadUnderAHostChosenNameAndReportsIt() throws Exception {
        byte[] jar = PluginJarBuilder.plugin("uploaded", "2.0.1").handler("Uploaded").build();

        try (PluginHandlerRegistry registry = registry(dir)) {
            PluginInfo installed = registry.install(jar);

            assertEquals("uploaded", installed.id());
            assertEquals("2.0.1", installed.version());
            assertEquals(PluginStatus.STARTED, installed.status());
            assertEquals(List.of("Uploaded"), installed.handlers());
            assertEquals("uploaded-2.0.1.jar", installed.file());
            assertTrue(Files.exists(dir.resolve("uploaded-2.0.1.jar")));
            assertEquals(PluginJar.sha256(dir.resolve("uploaded-2.0.1.jar")), installed.sha256());
            assertEquals("2.0.1", versionServing(registry, "Uploaded"));
            try (var files = Files.list(dir)) {
                assertEquals(List.of("uploaded-2.0.1.jar"), files.map(f -> f.getFileName().toString()).toList());
            }
        }
        // the stored file is what the next host start loads
        try (PluginHandlerRegistry restarted = registry(dir)) {
            assertEquals("2.0.1", versionServing(restarted, "Uploaded"));
        }
    }

    @Test
    void installOfANewVersionReplacesTheOldFile() {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.install(PluginJarBuilder.plugin("app", "1.0.0").handler("App").build());
            PluginInfo second = registry.install(PluginJarBuilder.plugin("app", "1.1.0").handler("App").build());

            assertEquals("1.1.0", second.version());
            assertEquals("1.1.0", versionServing(registry, "App"));
            assertFalse(Files.exists(dir.resolve("app-1.0.0.jar")));
            assertEquals(1, registry.plugins().size());
        }
    }

    @Test
    void installPathCopiesTheJarIntoThePluginsDirectory(@TempDir Path elsewhere) {
        Path jar = PluginJarBuilder.plugin("copied", "1.0.0").handler("Copied").writeTo(elsewhere.resolve("../whatever name.jar").normalize());
        try (PluginHandlerRegistry registry = registry(dir)) {
            assertEquals("copied-1.0.0.jar", registry.install(jar).file());
            assertTrue(Files.exists(dir.resolve("copied-1.0.0.jar")));
        }
    }

    @Test
    void stopStartAndReload() {
        PluginJarBuilder.plugin("ops", "1.0.0").handler("Ops").writeTo(dir.resolve("ops.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            String sha = info(registry, "ops.jar").sha256();

            PluginInfo stopped = registry.stop("ops");
            assertEquals(PluginStatus.STOPPED, stopped.status());
            assertTrue(registry.lease("Ops").isEmpty());
            assertFalse(registry.handlers().containsKey("Ops"));
            assertTrue(Files.exists(dir.resolve("ops.jar")), "stop keeps the file");

            assertEquals(PluginStatus.STARTED, registry.start("ops").status());
            assertEquals("1.0.0", versionServing(registry, "Ops"));

            HandlerLease before = registry.lease("Ops").orElseThrow();
            Class<?> oldClass = before.handler().getClass();
            PluginInfo reloaded = registry.reload("ops");
            assertEquals(PluginStatus.STARTED, reloaded.status());
            assertEquals(sha, reloaded.sha256());
            try (HandlerLease after = registry.lease("Ops").orElseThrow()) {
                assertNotEquals(oldClass, after.handler().getClass(), "a reload loads the classes again");
            }
            assertEquals(1, registry.activeLeases("ops"), "the old generation still holds the open lease");
            before.close();
            PluginTestSupport.await("old generation unloaded", () -> registry.activeLeases("ops") == 0);

            PluginException unknown = assertThrows(PluginException.class, () -> registry.start("nope"));
            assertEquals(PluginProblem.NOT_FOUND, unknown.problem());
            assertEquals("nope", unknown.pluginId());
        }
    }

    @Test
    void listenersHearEveryChange() {
        List<PluginInfo> events = new CopyOnWriteArrayList<>();
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.addListener(events::add);
            registry.install(PluginJarBuilder.plugin("heard", "1.0.0").handler("Heard").build());
            registry.stop("heard");
            PluginTestSupport.await("unloaded event", () -> events.stream().anyMatch(e -> e.status() == PluginStatus.UNLOADED));
            registry.uninstall("heard", Duration.ofSeconds(10));

            List<PluginStatus> statuses = events.stream().map(PluginInfo::status).toList();
            assertEquals(PluginStatus.STARTED, statuses.get(0));
            assertTrue(statuses.contains(PluginStatus.STOPPED), statuses.toString());
            assertNotNull(events.get(0).sha256());
        }
    }
}
