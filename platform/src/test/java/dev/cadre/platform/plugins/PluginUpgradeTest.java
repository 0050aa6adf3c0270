package dev.cadre.platform.plugins;

import static dev.cadre.platform.plugins.PluginTestSupport.await;
import static dev.cadre.platform.plugins.PluginTestSupport.registry;
import static dev.cadre.platform.plugins.PluginTestSupport.versionServing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upgrade switches handler names to the new version without a moment in which a name is missing. */
class PluginUpgradeTest {

    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void installingANewVersionUnderConcurrentLeasingLeavesNoGap() throws Exception {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.install(PluginJarBuilder.plugin("work", "1.0.0").handler("Work").build());
            try (Leasing leasing = new Leasing(registry, "Work")) {
                leasing.awaitLeases(200);
                registry.install(PluginJarBuilder.plugin("work", "2.0.0").handler("Work").build());
                leasing.switched.set(true);
                leasing.awaitLeases(200);
            }
            assertEquals("2.0.0", versionServing(registry, "Work"));
            await("version 1 unloaded", () -> registry.activeLeases("work") == 0);
            assertEquals(List.of("work-2.0.0.jar"), fileNames());
        }
    }

    @Test
    void replacingTheFileInTheWatchedDirectoryLeavesNoGap() throws Exception {
        try (PluginHandlerRegistry registry = registry(dir)) {
            registry.watch(Duration.ofMillis(100));
            PluginJarBuilder.plugin("work", "1.0.0").handler("Work").writeTo(dir.resolve("work.jar"));
            await("version 1 started", () -> "1.0.0".equals(versionServing(registry, "Work")));
            try (Leasing leasing = new Leasing(registry, "Work")) {
                leasing.awaitLeases(200);
                // overwritten in place: the running version reads its classes from its own copy
                Files.write(dir.resolve("work.jar"), PluginJarBuilder.plugin("work", "2.0.0").handler("Work").build());
                await("version 2 serving", () -> "2.0.0".equals(versionServing(registry, "Work")), registry::plugins);
                leasing.switched.set(true);
                leasing.awaitLeases(200);
            }
            assertEquals(PluginStatus.STARTED, PluginTestSupport.info(registry, "work.jar").status());
            assertEquals("2.0.0", PluginTestSupport.info(registry, "work.jar").version());
        }
    }

    private List<String> fileNames() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** Threads leasing one handler in a loop, counting empty leases and wrong versions. */
    private static final class Leasing implements AutoCloseable {
        final AtomicBoolean switched = new AtomicBoolean();
        final AtomicInteger empty = new AtomicInteger();
        final AtomicInteger staleAfterSwitch = new AtomicInteger();
        final AtomicLong leases = new AtomicLong();
        final ConcurrentHashMap<String, AtomicInteger> versions = new ConcurrentHashMap<>();
        final List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Leasing(HandlerRegistry registry, String handlerName) {
            for (int i = 0; i < THREADS; i++) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        boolean afterSwitch = switched.get();
                        var lease = registry.lease(handlerName);
                        if (lease.isEmpty()) {
                            empty.incrementAndGet();
                            continue;
                        }
                        try (HandlerLease open = lease.get()) {
                            String version = open.provenance().pluginVersion();
                            Object ran = open.handler().execute(null).output().get("version");
                            if (!version.equals(ran)) {
                                throw new AssertionError("provenance " + version + " but the handler ran as " + ran);
                            }
                            if (afterSwitch && !"2.0.0".equals(version)) {
                                staleAfterSwitch.incrementAndGet();
                            }
                            versions.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
                            leases.incrementAndGet();
                            if (leases.get() % 7 == 0) {
                                Thread.sleep(1); // hold some leases across the switch
                            }
                        } catch (Throwable t) {
                            errors.add(t);
                            return;
                        }
                    }
                }, "leasing-" + i);
                thread.start();
                threads.add(thread);
            }
        }

        void awaitLeases(long more) {
            long target = leases.get() + more;
            await(more + " more leases", () -> leases.get() >= target || !errors.isEmpty());
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(PluginTestSupport.PATIENCE.toMillis());
            }
            assertTrue(errors.isEmpty(), () -> "leasing failed: " + errors);
            assertEquals(0, empty.get(), "leases that found no handler");
            assertEquals(0, staleAfterSwitch.get(), "leases after the switch served by the old version");
            assertTrue(versions.containsKey("1.0.0") && versions.containsKey("2.0.0"), versions.toString());
        }
    }
}
