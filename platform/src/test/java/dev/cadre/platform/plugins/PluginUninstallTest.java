package dev.cadre.platform.plugins;

import static dev.cadre.platform.plugins.PluginTestSupport.await;
import static dev.cadre.platform.plugins.PluginTestSupport.registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removal waits for open leases, then unloads and lets the plugin's classes be collected. */
class PluginUninstallTest {

    @TempDir
    Path dir;

    @Test
    void uninstallWaitsForAnOpenLease() throws Exception {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.install(PluginJarBuilder.plugin("busy", "1.0.0").handler("Busy").build());
            HandlerLease lease = registry.lease("Busy").orElseThrow();
            AtomicBoolean sawItGone = new AtomicBoolean();
            AtomicBoolean returned = new AtomicBoolean();
            Thread activity = new Thread(() -> {
                // the activity is still running: its handler works, but no new lease is granted
                // the handler goes from the table and the file from the directory while this lease is still open
                await("handlers and file removed", () -> !registry.handlers().containsKey("Busy") && !Files.exists(dir.resolve("busy-1.0.0.jar")));
                sawItGone.set(registry.lease("Busy").isEmpty());
                PluginTestSupport.sleep(300);
                try {
                    lease.handler().execute(null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                returned.set(true);
                lease.close();
            });
            activity.start();

            UninstallResult result = registry.uninstall("busy", PluginTestSupport.PATIENCE);

            assertTrue(returned.get(), "uninstall returned before the lease was");
            assertTrue(sawItGone.get());
            assertEquals(new UninstallResult("busy", "1.0.0", true, 0), result);
            assertTrue(registry.plugins().isEmpty());
            assertThrows(IllegalStateException.class, lease::handler);
            activity.join();
        }
    }

    @Test
    void uninstallReportsATimeoutAndUnloadsWhenTheLeaseIsReturnedLater() throws Exception {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.install(PluginJarBuilder.plugin("slow", "1.0.0").handler("Slow").build());
            HandlerLease lease = registry.lease("Slow").orElseThrow();

            UninstallResult result = registry.uninstall("slow", Duration.ofMillis(200));

            assertEquals(new UninstallResult("slow", "1.0.0", false, 1), result);
            assertTrue(registry.lease("Slow").isEmpty());
            assertEquals(Map.of("handler", "Slow", "version", "1.0.0"), lease.handler().execute(null).output(),
                    "the running activity keeps its handler");
            assertEquals(1, registry.activeLeases("slow"));
            lease.close();
            await("unloaded after the lease was returned", () -> registry.activeLeases("slow") == 0);
        }
    }

    @Test
    void theClassLoaderIsCollectedAfterUninstall() {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.install(PluginJarBuilder.plugin("gc", "1.0.0").handler("Collected").build());
            WeakReference<ClassLoader> loader = useAndRememberLoader(registry, "Collected");

            UninstallResult result = registry.uninstall("gc", PluginTestSupport.PATIENCE);

            assertTrue(result.unloaded());
            awaitCollected(loader);
        }
    }

    @Test
    void theOldClassLoaderIsCollectedAfterAnUpgrade() {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.install(PluginJarBuilder.plugin("gc", "1.0.0").handler("Collected").build());
            WeakReference<ClassLoader> v1 = useAndRememberLoader(registry, "Collected");

            registry.install(PluginJarBuilder.plugin("gc", "2.0.0").handler("Collected").build());

            awaitCollected(v1);
            assertEquals("2.0.0", PluginTestSupport.versionServing(registry, "Collected"));
        }
    }

    @Test
    void unknownPluginsCannotBeUninstalled() {
        try (PluginHandlerRegistry registry = registry(dir)) {
            PluginException e = assertThrows(PluginException.class, () -> registry.uninstall("ghost", Duration.ZERO));
            assertEquals(PluginProblem.NOT_FOUND, e.problem());
        }
    }

    /** In its own frame, so no local variable of the test keeps the handler or its class alive. */
    private static WeakReference<ClassLoader> useAndRememberLoader(HandlerRegistry registry, String handlerName) {
        try (HandlerLease lease = registry.lease(handlerName).orElseThrow()) {
            assertFalse(lease.handler().execute(null).output().isEmpty());
            ClassLoader loader = lease.handler().getClass().getClassLoader();
            assertTrue(loader instanceof CadreClassLoader);
            return new WeakReference<>(loader);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitCollected(WeakReference<ClassLoader> loader) {
        Awaitility.await("the plugin class loader collected").atMost(PluginTestSupport.PATIENCE).pollInSameThread()
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    System.gc();
                    return loader.get() == null;
                });
        assertNull(loader.get(), "the plugin class loader is still reachable");
    }
}
