package dev.cadre.platform.plugins;

import static dev.cadre.platform.plugins.PluginTestSupport.await;
import static dev.cadre.platform.plugins.PluginTestSupport.hasFile;
import static dev.cadre.platform.plugins.PluginTestSupport.info;
import static dev.cadre.platform.plugins.PluginTestSupport.registry;
import static dev.cadre.platform.plugins.PluginTestSupport.versionServing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose handler constructor never returns costs its caller the load time limit and nothing
 * else: listings answer while it hangs, the watcher goes on, and closing the registry does not wait.
 * The hanging constructors ignore interrupts; each test releases its own at the end.
 */
class PluginLoadLimitTest {

    /** Long enough to observe the hang on a loaded machine, short enough for a test. */
    private static final Duration LIMIT = Duration.ofSeconds(4);

    /** How long a call that must not wait for the load may take (thread start-up on a busy machine). */
    private static final long PROMPT_MILLIS = 2_000;

    @TempDir
    Path dir;

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private String flag;

    @AfterEach
    void release() {
        if (flag != null) {
            System.setProperty(flag + ".release", "true");
        }
        callers.shutdownNow();
    }

    @Test
    void aHangingConstructorFailsTheInstallWithinTheLimitWhileListingsAnswer() throws Exception {
        flag = "cadre.test.hang.install";
        try (PluginHandlerRegistry registry = registry(dir, PluginAllowlist.allowAll(), LIMIT)) {
            registry.watch(PluginHandlerRegistry.DEFAULT_POLL_INTERVAL);
            byte[] hanging = ApiTestPluginJars.hangingInConstructor("hangs", "Hang", flag);

            long started = System.nanoTime();
            CompletableFuture<PluginInfo> install = CompletableFuture.supplyAsync(() -> registry.install(hanging), callers);
            await("the constructor to start hanging", () -> Boolean.getBoolean(flag + ".entered"));

            // the install holds the registry's lock now: these must not wait for it
            List<PluginInfo> listed = CompletableFuture.supplyAsync(registry::plugins, callers)
                    .get(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
            Optional<PluginInfo> hangs = CompletableFuture.supplyAsync(() -> registry.plugin("hangs"), callers)
                    .get(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
            assertFalse(install.isDone(), "the listing was taken while the load hangs");
            assertTrue(listed.isEmpty() && hangs.isEmpty(), "nothing is installed yet: " + listed);

            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> install.get(LIMIT.toMillis() + 20_000, TimeUnit.MILLISECONDS));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            PluginException timeout = assertInstanceOf(PluginException.class, failed.getCause());
            assertEquals(PluginProblem.LOAD_TIMEOUT, timeout.problem(), timeout.getMessage());
            assertTrue(timeout.getMessage().contains("timed out after 4 s while creating handler class test.hangs.v1_0_0.HangHandler"),
                    timeout.getMessage());
            assertTrue(timeout.getMessage().contains("stuck in test.hangs.v1_0_0.HangHandler.<init>"), timeout.getMessage());
            assertTrue(tookMillis >= LIMIT.toMillis(), "answered after " + tookMillis + " ms");
            assertFalse(hasFile(registry, "hangs-1.0.0.jar"), "a failed upload is not stored");

            // the same JAR dropped into the directory: FAILED with the reason; the watcher goes on
            Files.write(dir.resolve("hangs.jar"), hanging);
            await("the dropped hanging JAR to fail", () -> hasFile(registry, "hangs.jar")
                    && info(registry, "hangs.jar").status() == PluginStatus.FAILED, registry::plugins);
            PluginInfo dropped = info(registry, "hangs.jar");
            assertEquals(PluginProblem.LOAD_TIMEOUT, dropped.problem());
            assertTrue(dropped.reason().contains("creating handler class test.hangs.v1_0_0.HangHandler"), dropped.reason());

            PluginJarBuilder.plugin("after", "1.0.0").handler("After").writeTo(dir.resolve("after.jar"));
            await("a good JAR dropped afterwards to start", () -> "1.0.0".equals(versionServing(registry, "After")),
                    registry::plugins);
            assertEquals(PluginStatus.FAILED, info(registry, "hangs.jar").status(), "a timed-out file is not retried unchanged");
        }
    }

    @Test
    void closingDoesNotWaitForAPluginWhoseStopHangs() throws Exception {
        flag = "cadre.test.hang.stop";
        String pluginClass = "test.stopper.v1_0_0.StopperPlugin";
        PluginHandlerRegistry registry = registry(dir, PluginAllowlist.allowAll(), LIMIT);
        registry.install(PluginJarBuilder.plugin("stopper", "1.0.0").attribute("Plugin-Class", pluginClass)
                .source(pluginClass, "package test.stopper.v1_0_0;\n"
                        + "public class StopperPlugin extends org.pf4j.Plugin {\n"
                        + "  public void stop() {\n"
                        + "    System.setProperty(\"" + flag + ".entered\", \"true\");\n"
                        + "    while (!Boolean.getBoolean(\"" + flag + ".release\")) {\n"
                        + "      try { Thread.sleep(20); } catch (InterruptedException ignored) { }\n"
                        + "    }\n"
                        + "  }\n"
                        + "}\n")
                .handler("Stopper").build());
        assertEquals("1.0.0", versionServing(registry, "Stopper"));

        long started = System.nanoTime();
        CompletableFuture.runAsync(registry::close, callers).get(60, TimeUnit.SECONDS);
        long closeMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(Boolean.getBoolean(flag + ".entered"), "stop() was called");
        assertTrue(closeMillis < PluginHandlerRegistry.CLOSE_UNLOAD_WAIT.toMillis() + 10_000, "close took " + closeMillis + " ms");
    }

    @Test
    void closingDoesNotWaitForAHangingLoad() throws Exception {
        flag = "cadre.test.hang.close";
        PluginHandlerRegistry registry = registry(dir, PluginAllowlist.allowAll(), Duration.ofMinutes(10));
        CompletableFuture<PluginInfo> install = CompletableFuture.supplyAsync(
                () -> registry.install(ApiTestPluginJars.hangingInConstructor("stuck", "Stuck", flag)), callers);
        await("the constructor to start hanging", () -> Boolean.getBoolean(flag + ".entered"));

        long started = System.nanoTime();
        CompletableFuture.runAsync(registry::close, callers).get(20, TimeUnit.SECONDS);
        long closeMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(closeMillis < 15_000, "close took " + closeMillis + " ms");

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> install.get(5, TimeUnit.SECONDS));
        PluginException abandoned = assertInstanceOf(PluginException.class, failed.getCause());
        assertEquals(PluginProblem.LOAD_TIMEOUT, abandoned.problem(), abandoned.getMessage());
        assertTrue(abandoned.getMessage().contains("the host is closing"), abandoned.getMessage());
    }
}
