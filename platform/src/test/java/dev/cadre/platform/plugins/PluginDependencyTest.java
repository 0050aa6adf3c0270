package dev.cadre.platform.plugins;

import static dev.cadre.platform.plugins.PluginTestSupport.info;
import static dev.cadre.platform.plugins.PluginTestSupport.registry;
import static dev.cadre.platform.plugins.PluginTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Plugin-Requires} against the plugin API version, and {@code Plugin-Dependencies} between plugins. */
class PluginDependencyTest {

    @TempDir
    Path dir;

    @TempDir
    Path build;

    /** A library plugin without handlers: a class other plugins call. */
    private Path library(String version) {
        return PluginJarBuilder.plugin("z-lib", version)
                .source("test.lib.Greeter", "package test.lib;\npublic final class Greeter {\n"
                        + "  public static String greet() { return \"hello from lib " + version + "\"; }\n}\n")
                .writeTo(build.resolve("z-lib-" + version + ".jar"));
    }

    /** A plugin whose handler calls the library's class. */
    private PluginJarBuilder app(String dependencies) {
        PluginJarBuilder app = PluginJarBuilder.plugin("a-app", "1.0.0").attribute("Plugin-Dependencies", dependencies)
                .compileAgainst(library("1.0.0"));
        return app.handler("Greet", "return \"Greet\";",
                "return ActivityResult.completed(Map.of(\"greeting\", test.lib.Greeter.greet()));", "");
    }

    @Test
    void aDependencyStartsFirstWhateverTheFileOrderAndLendsItsClasses() throws Exception {
        app("z-lib").writeTo(dir.resolve("a-app.jar"));
        java.nio.file.Files.copy(library("1.0.0"), dir.resolve("z-lib.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            assertEquals(PluginStatus.STARTED, info(registry, "a-app.jar").status());
            assertEquals(PluginStatus.STARTED, info(registry, "z-lib.jar").status());
            assertEquals(Map.of("greeting", "hello from lib 1.0.0"), run(registry, "Greet"));
        }
    }

    @Test
    void aMissingDependencyKeepsThePluginWaitingUntilItArrives() throws Exception {
        app("z-lib").writeTo(dir.resolve("a-app.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            PluginInfo waiting = info(registry, "a-app.jar");
            assertEquals(PluginStatus.FAILED, waiting.status());
            assertEquals(PluginProblem.MISSING_DEPENDENCY, waiting.problem());
            assertTrue(registry.lease("Greet").isEmpty());

            registry.install(library("1.0.0"));

            assertEquals(PluginStatus.STARTED, info(registry, "a-app.jar").status());
            assertEquals(Map.of("greeting", "hello from lib 1.0.0"), run(registry, "Greet"));
        }
    }

    @Test
    void stoppingADependencyStopsItsDependentsAndStartingItBringsThemBack() throws Exception {
        app("z-lib").writeTo(dir.resolve("a-app.jar"));
        java.nio.file.Files.copy(library("1.0.0"), dir.resolve("z-lib.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.stop("z-lib");
            PluginInfo dependent = info(registry, "a-app.jar");
            assertEquals(PluginProblem.MISSING_DEPENDENCY, dependent.problem());
            assertTrue(dependent.reason().contains("depends on plugin 'z-lib', which is not started"), dependent.reason());
            assertTrue(registry.lease("Greet").isEmpty());

            registry.start("z-lib");
            assertEquals(PluginStatus.STARTED, info(registry, "a-app.jar").status());
            assertEquals(Map.of("greeting", "hello from lib 1.0.0"), run(registry, "Greet"));
        }
    }

    @Test
    void upgradingADependencyRebindsItsDependents() throws Exception {
        app("z-lib").writeTo(dir.resolve("a-app.jar"));
        java.nio.file.Files.copy(library("1.0.0"), dir.resolve("z-lib.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.install(library("1.1.0"));

            assertEquals(Map.of("greeting", "hello from lib 1.1.0"), run(registry, "Greet"));
            assertEquals(PluginStatus.STARTED, info(registry, "a-app.jar").status());
        }
    }

    @Test
    void aDependencyVersionOutOfRangeIsMissing() throws Exception {
        app("z-lib@>=2.0.0").writeTo(dir.resolve("a-app.jar"));
        java.nio.file.Files.copy(library("1.0.0"), dir.resolve("z-lib.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            PluginInfo app = info(registry, "a-app.jar");
            assertEquals(PluginProblem.MISSING_DEPENDENCY, app.problem());
            assertTrue(app.reason().contains("version '>=2.0.0', but z-lib@1.0.0 is started"), app.reason());
        }
    }

    @Test
    void anOptionalDependencyMayBeAbsent() {
        PluginJarBuilder.plugin("relaxed", "1.0.0").attribute("Plugin-Dependencies", "absent?").handler("Relaxed")
                .writeTo(dir.resolve("relaxed.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            assertEquals(PluginStatus.STARTED, info(registry, "relaxed.jar").status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {">=1.0.0 <2.0.0", ">= 1.0.0 < 2.0.0", ">=1.0.0 & <2.0.0", "1.0.0", "^1.0", "1.x", "*"})
    void requirementsThatIncludeTheApiVersionStart(String requires) {
        PluginJarBuilder.plugin("fits", "1.0.0").attribute("Plugin-Requires", requires).handler("Fits")
                .writeTo(dir.resolve("fits.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            assertEquals(PluginStatus.STARTED, info(registry, "fits.jar").status(), info(registry, "fits.jar").reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {">=1.4.0", ">=2.0.0 <3.0.0", "<1.0.0", "2.0.0", "^2.0"})
    void requirementsThatExcludeTheApiVersionFail(String requires) {
        PluginJarBuilder.plugin("misfit", "1.0.0").attribute("Plugin-Requires", requires).handler("Misfit")
                .writeTo(dir.resolve("misfit.jar"));

        try (PluginHandlerRegistry registry = registry(dir)) {
            PluginInfo misfit = info(registry, "misfit.jar");
            assertEquals(PluginStatus.FAILED, misfit.status());
            assertEquals(PluginProblem.INCOMPATIBLE, misfit.problem());
            assertTrue(misfit.reason().contains(requires), misfit.reason());
        }
    }
}
