package dev.cadre.platform.plugins;

import static dev.cadre.platform.plugins.PluginTestSupport.info;
import static dev.cadre.platform.plugins.PluginTestSupport.registry;
import static dev.cadre.platform.plugins.PluginTestSupport.run;
import static dev.cadre.platform.plugins.PluginTestSupport.versionServing;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Bad plugins never hurt the host: each is refused with its reason and one WARN line. */
class BadPluginTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final ch.qos.logback.classic.Logger catalogLog =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(PluginCatalog.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        catalogLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        catalogLog.detachAppender(logs);
    }

    private record Bad(String file, PluginStatus status, PluginProblem problem, String reason) {
    }

    @Test
    void everyBadPluginIsReportedWithItsReasonAndTheRestKeepsWorking() throws IOException {
        List<Bad> bad = new ArrayList<>();
        Files.write(dir.resolve("corrupt.jar"), "this is not a zip file at all".getBytes());
        bad.add(new Bad("corrupt.jar", PluginStatus.FAILED, PluginProblem.INVALID_JAR, "not a readable JAR"));
        Files.write(dir.resolve("empty.jar"), new byte[0]);
        bad.add(new Bad("empty.jar", PluginStatus.FAILED, PluginProblem.INVALID_JAR, "not a readable JAR"));
        byte[] good = PluginJarBuilder.plugin("truncated", "1.0.0").handler("Truncated").build();
        Files.write(dir.resolve("truncated.jar"), java.util.Arrays.copyOf(good, good.length / 2));
        bad.add(new Bad("truncated.jar", PluginStatus.FAILED, PluginProblem.INVALID_JAR, "not a readable JAR"));
        PluginJarBuilder.withoutManifest().handler("NoManifest").writeTo(dir.resolve("no-manifest.jar"));
        bad.add(new Bad("no-manifest.jar", PluginStatus.FAILED, PluginProblem.INVALID_JAR, "no META-INF/MANIFEST.MF"));
        PluginJarBuilder.plugin("x", "1.0.0").attribute("Plugin-Id", null).handler("NoId").writeTo(dir.resolve("no-id.jar"));
        bad.add(new Bad("no-id.jar", PluginStatus.FAILED, PluginProblem.INVALID_JAR, "no Plugin-Id"));
        PluginJarBuilder.plugin("no-version", "1.0.0").attribute("Plugin-Version", null).handler("NoVersion")
                .writeTo(dir.resolve("no-version.jar"));
        bad.add(new Bad("no-version.jar", PluginStatus.FAILED, PluginProblem.INVALID_JAR, "no Plugin-Version"));
        PluginJarBuilder.plugin("../evil", "1.0.0").handler("Evil").writeTo(dir.resolve("evil.jar"));
        bad.add(new Bad("evil.jar", PluginStatus.FAILED, PluginProblem.INVALID_JAR, "Plugin-Id '../evil'"));
        PluginJarBuilder.plugin("future", "1.0.0").attribute("Plugin-Requires", ">=2.0.0 <3.0.0").handler("Future")
                .writeTo(dir.resolve("future.jar"));
        bad.add(new Bad("future.jar", PluginStatus.FAILED, PluginProblem.INCOMPATIBLE,
                "Plugin-Requires '>=2.0.0 <3.0.0' does not include plugin API " + dev.cadre.plugin.api.PluginApi.VERSION));
        PluginJarBuilder.plugin("garbled", "1.0.0").attribute("Plugin-Requires", "about one").handler("Garbled")
                .writeTo(dir.resolve("garbled.jar"));
        bad.add(new Bad("garbled.jar", PluginStatus.FAILED, PluginProblem.INCOMPATIBLE, "is not a version range"));
        PluginJarBuilder.plugin("orphan", "1.0.0").attribute("Plugin-Dependencies", "absent-plugin").handler("Orphan")
                .writeTo(dir.resolve("orphan.jar"));
        bad.add(new Bad("orphan.jar", PluginStatus.FAILED, PluginProblem.MISSING_DEPENDENCY,
                "depends on plugin 'absent-plugin', which is not started"));
        PluginJarBuilder.plugin("ghost", "1.0.0").handler("Real").service("test.nowhere.GhostHandler")
                .writeTo(dir.resolve("ghost.jar"));
        bad.add(new Bad("ghost.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR,
                "handler class test.nowhere.GhostHandler cannot be loaded: java.lang.ClassNotFoundException"));
        PluginJarBuilder.plugin("ctor", "1.0.0").handler("Ctor", "return \"Ctor\";", "return null;",
                "public CtorHandler() { throw new IllegalStateException(\"constructor boom\"); }").writeTo(dir.resolve("ctor.jar"));
        bad.add(new Bad("ctor.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR,
                "could not be created: java.lang.IllegalStateException: constructor boom"));
        PluginJarBuilder.plugin("initfail", "1.0.0").handler("Static", "return \"Static\";", "return null;",
                "static { boom(); } static void boom() { throw new IllegalStateException(\"static boom\"); }")
                .writeTo(dir.resolve("initfail.jar"));
        bad.add(new Bad("initfail.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR, "static boom"));
        PluginJarBuilder.plugin("overflow", "1.0.0").handler("Overflow", "return \"Overflow\";", "return null;",
                "public OverflowHandler() { deeper(0); } static int deeper(int n) { return deeper(n + 1) + 1; }")
                .writeTo(dir.resolve("overflow.jar"));
        bad.add(new Bad("overflow.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR,
                "handler class test.overflow.v1_0_0.OverflowHandler could not be created: java.lang.StackOverflowError"));
        PluginJarBuilder.plugin("asserts", "1.0.0").handler("Asserts", "return \"Asserts\";", "return null;",
                "public AssertsHandler() { throw new AssertionError(\"assertion boom\"); }").writeTo(dir.resolve("asserts.jar"));
        bad.add(new Bad("asserts.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR,
                "could not be created: java.lang.AssertionError: assertion boom"));
        PluginJarBuilder.plugin("initerror", "1.0.0").handler("InitError", "return \"InitError\";", "return null;",
                "static { boom(); } static void boom() { throw new Error(\"static error\"); }")
                .writeTo(dir.resolve("initerror.jar"));
        bad.add(new Bad("initerror.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR, "java.lang.Error: static error"));
        PluginJarBuilder.plugin("nameoom", "1.0.0").handler("NameOom", "throw new OutOfMemoryError(\"pretend\");",
                "return null;", "").writeTo(dir.resolve("nameoom.jar"));
        bad.add(new Bad("nameoom.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR,
                "could not be created: java.lang.OutOfMemoryError: pretend"));
        PluginJarBuilder.plugin("nameless", "1.0.0").handler("Nameless", "return \"  \";", "return null;", "")
                .writeTo(dir.resolve("nameless.jar"));
        bad.add(new Bad("nameless.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR, "has a blank name"));
        PluginJarBuilder.plugin("nameerror", "1.0.0").handler("NameError", "throw new RuntimeException(\"no name\");",
                "return null;", "").writeTo(dir.resolve("nameerror.jar"));
        bad.add(new Bad("nameerror.jar", PluginStatus.FAILED, PluginProblem.HANDLER_ERROR, "no name"));
        PluginJarBuilder.plugin("shadow", "1.0.0").handler("BuiltinEcho").writeTo(dir.resolve("shadow.jar"));
        bad.add(new Bad("shadow.jar", PluginStatus.FAILED, PluginProblem.HANDLER_CONFLICT,
                "handler name 'BuiltinEcho' is already provided by a built-in handler"));
        PluginJarBuilder.plugin("a-first", "1.0.0").handler("Shared").writeTo(dir.resolve("a-first.jar"));
        PluginJarBuilder.plugin("b-second", "1.0.0").handler("Shared").writeTo(dir.resolve("b-second.jar"));
        bad.add(new Bad("b-second.jar", PluginStatus.FAILED, PluginProblem.HANDLER_CONFLICT,
                "handler name 'Shared' is already provided by plugin a-first@1.0.0"));
        PluginJarBuilder.plugin("twice", "1.0.0").handler("One", "return \"Same\";", "return null;", "")
                .handler("Two", "return \"Same\";", "return null;", "").writeTo(dir.resolve("twice.jar"));
        bad.add(new Bad("twice.jar", PluginStatus.FAILED, PluginProblem.HANDLER_CONFLICT, "provided twice in the plugin"));
        PluginJarBuilder.plugin("good", "1.0.0").handler("Good").writeTo(dir.resolve("good.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            List<Executable> checks = new ArrayList<>();
            for (Bad expected : bad) {
                checks.add(() -> {
                    PluginInfo info = info(registry, expected.file());
                    assertEquals(expected.status(), info.status(), expected.file());
                    assertEquals(expected.problem(), info.problem(), expected.file() + ": " + info.reason());
                    assertTrue(info.reason().contains(expected.reason()), expected.file() + ": " + info.reason());
                    long warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                            .filter(e -> e.getFormattedMessage().contains(" " + expected.file() + " ")).count();
                    assertEquals(1, warnings, "WARN lines for " + expected.file());
                });
            }
            checks.add(() -> assertEquals(Map.of("handler", "Good", "version", "1.0.0"), run(registry, "Good")));
            checks.add(() -> assertEquals("a-first", PluginTestSupport.provenance(registry, "Shared").pluginId()));
            checks.add(() -> assertEquals(Map.of("handler", "BuiltinEcho"), run(registry, "BuiltinEcho")));
            checks.add(() -> assertNotNull(info(registry, "corrupt.jar").sha256(), "even a corrupt file has a checksum"));
            checks.add(() -> assertEquals(List.of("Good", "Shared"),
                    registry.handlers().keySet().stream().filter(name -> !name.equals("BuiltinEcho")).toList()));
            assertAll(checks);
        }
    }

    @Test
    void errorsThrownByPluginCodeNeverStopTheWatcher() throws IOException {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.watch(PluginHandlerRegistry.DEFAULT_POLL_INTERVAL);
            PluginJarBuilder.plugin("overflow", "1.0.0").handler("Overflow", "return \"Overflow\";", "return null;",
                    "public OverflowHandler() { deeper(0); } static int deeper(int n) { return deeper(n + 1) + 1; }")
                    .writeTo(dir.resolve("overflow.jar"));
            PluginJarBuilder.plugin("asserts", "1.0.0").handler("Asserts", "return \"Asserts\";", "return null;",
                    "public AssertsHandler() { throw new AssertionError(\"assertion boom\"); }").writeTo(dir.resolve("asserts.jar"));
            PluginTestSupport.await("both to fail", () -> PluginTestSupport.hasFile(registry, "overflow.jar")
                    && PluginTestSupport.hasFile(registry, "asserts.jar")
                    && info(registry, "overflow.jar").status() == PluginStatus.FAILED
                    && info(registry, "asserts.jar").status() == PluginStatus.FAILED, registry::plugins);
            assertTrue(info(registry, "overflow.jar").reason().contains("java.lang.StackOverflowError"),
                    info(registry, "overflow.jar").reason());
            assertTrue(info(registry, "asserts.jar").reason().contains("java.lang.AssertionError: assertion boom"),
                    info(registry, "asserts.jar").reason());

            PluginJarBuilder.plugin("later", "1.0.0").handler("Later").writeTo(dir.resolve("later.jar"));
            PluginTestSupport.await("a good JAR dropped afterwards to start",
                    () -> "1.0.0".equals(versionServing(registry, "Later")), registry::plugins);
        }
    }

    @Test
    void badUploadsAreRefusedAndNothingIsStored() {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.install(PluginJarBuilder.plugin("app", "1.0.0").handler("App").build());

            assertProblem(PluginProblem.INVALID_JAR, () -> registry.install("garbage".getBytes()));
            assertProblem(PluginProblem.INVALID_JAR, () -> registry.install(new byte[0]));
            assertProblem(PluginProblem.INVALID_JAR, () -> registry.install(PluginJarBuilder.withoutManifest().handler("X").build()));
            assertProblem(PluginProblem.INCOMPATIBLE, () -> registry.install(PluginJarBuilder.plugin("future", "1.0.0")
                    .attribute("Plugin-Requires", ">=2.0.0").handler("Future").build()));
            assertProblem(PluginProblem.HANDLER_CONFLICT, () -> registry.install(PluginJarBuilder.plugin("thief", "1.0.0")
                    .handler("App").build()));
            assertProblem(PluginProblem.HANDLER_ERROR, () -> registry.install(PluginJarBuilder.plugin("overflow", "1.0.0")
                    .handler("Overflow", "return \"Overflow\";", "return null;",
                            "public OverflowHandler() { deeper(0); } static int deeper(int n) { return deeper(n + 1) + 1; }")
                    .build()));
            // a broken new version of a running plugin leaves the running version alone
            assertProblem(PluginProblem.HANDLER_ERROR, () -> registry.install(PluginJarBuilder.plugin("app", "2.0.0")
                    .handler("App", "return \"App\";", "return null;", "public AppHandler() { throw new IllegalStateException(); }")
                    .build()));

            assertEquals("1.0.0", versionServing(registry, "App"));
            try (var files = Files.list(dir)) {
                assertEquals(List.of("app-1.0.0.jar"), files.map(file -> file.getFileName().toString()).toList());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aFailedPluginCanBeStartedOnceTheConflictIsGone() {
        PluginJarBuilder.plugin("a-first", "1.0.0").handler("Shared").writeTo(dir.resolve("a-first.jar"));
        PluginJarBuilder.plugin("b-second", "1.0.0").handler("Shared").writeTo(dir.resolve("b-second.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            assertProblem(PluginProblem.HANDLER_CONFLICT, () -> registry.start("b-second"));
            registry.uninstall("a-first", java.time.Duration.ofSeconds(10));
            // the conflict is gone: the next settling retries it without being asked
            assertEquals(PluginStatus.STARTED, info(registry, "b-second.jar").status());
            assertEquals("b-second", PluginTestSupport.provenance(registry, "Shared").pluginId());
        }
    }

    private static void assertProblem(PluginProblem expected, Executable action) {
        PluginException e = assertThrows(PluginException.class, action);
        assertEquals(expected, e.problem(), e.getMessage());
    }
}
