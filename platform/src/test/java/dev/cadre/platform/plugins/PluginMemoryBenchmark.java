package dev.cadre.platform.plugins;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a loaded plugin release costs the host in memory: {@code n} releases, each its own class loader
 * (as the cluster loads them), measured after a full collection as heap, Metaspace and loaded classes
 * before and after loading, and after removing them again (their class loaders must go). Not a test; run
 * its {@code main} with the test class path.
 */
public final class PluginMemoryBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        if (args.length > 1 && args[1].equals("beside")) {
            beside(n);
            return;
        }
        Path dir = Files.createTempDirectory("cadre-plugin-memory");
        List<byte[]> jars = new ArrayList<>();
        for (int i = 0; i < n + 1; i++) {
            jars.add(PluginJarBuilder.plugin("memory-" + i, "1.0." + i).handler("MemoryHandler" + i).handler("MemoryOtherHandler" + i).build());
        }
        try (PluginHandlerRegistry registry = new PluginHandlerRegistry(new BuiltinHandlerRegistry(), dir.resolve("plugins"), PluginAllowlist.allowAll())) {
            registry.install(jars.get(n)); // warm-up: PF4J's own classes
            Snapshot before = Snapshot.take();
            for (int i = 0; i < n; i++) {
                registry.install(jars.get(i));
            }
            Snapshot loaded = Snapshot.take();
            for (int i = 0; i < n; i++) {
                registry.uninstall("memory-" + i, Duration.ofSeconds(10));
            }
            Snapshot removed = Snapshot.take();
            System.out.printf("%d releases loaded (2 handlers each): heap +%.1f KiB, Metaspace +%.1f KiB, classes +%d%n", n,
                    (loaded.heap - before.heap) / 1024.0, (loaded.metaspace - before.metaspace) / 1024.0, loaded.classes - before.classes);
            System.out.printf("per release: heap %.1f KiB, Metaspace %.1f KiB, %.1f classes%n", (loaded.heap - before.heap) / 1024.0 / n,
                    (loaded.metaspace - before.metaspace) / 1024.0 / n, (loaded.classes - before.classes) / (double) n);
            System.out.printf("after removing them: heap %+.1f KiB, Metaspace %+.1f KiB, classes %+d against before%n",
                    (removed.heap - before.heap) / 1024.0, (removed.metaspace - before.metaspace) / 1024.0, removed.classes - before.classes);
        }
    }

    /**
     * Side by side: {@code n} releases of one plugin id loaded beside its newest (as pinned template versions
     * make a host load them), then unloaded again; their class loaders must be collected.
     */
    static void beside(int n) throws Exception {
        Path dir = Files.createTempDirectory("cadre-plugin-memory-beside");
        try (PluginHandlerRegistry registry = new PluginHandlerRegistry(new BuiltinHandlerRegistry(), dir.resolve("plugins"), PluginAllowlist.allowAll())) {
            registry.install(PluginJarBuilder.plugin("side", "99.0.0").handler("SideHandler").handler("SideOtherHandler").build());
            List<byte[]> jars = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                jars.add(PluginJarBuilder.plugin("side", "1." + i + ".0").handler("SideHandler").handler("SideOtherHandler").build());
            }
            Snapshot before = Snapshot.take();
            for (byte[] jar : jars) {
                registry.loadAside(jar);
            }
            Snapshot loaded = Snapshot.take();
            for (int i = 0; i < n; i++) {
                registry.unloadAside("side", "1." + i + ".0");
            }
            Thread.sleep(500);
            Snapshot removed = Snapshot.take();
            System.out.printf("beside: %d releases of one plugin: per release heap %.1f KiB, Metaspace %.1f KiB, %.1f classes%n", n,
                    (loaded.heap - before.heap) / 1024.0 / n, (loaded.metaspace - before.metaspace) / 1024.0 / n,
                    (loaded.classes - before.classes) / (double) n);
            System.out.printf("beside: after unloading them: heap %+.1f KiB, Metaspace %+.1f KiB, classes %+d against before%n",
                    (removed.heap - before.heap) / 1024.0, (removed.metaspace - before.metaspace) / 1024.0, removed.classes - before.classes);
        }
    }

    private record Snapshot(long heap, long metaspace, long classes) {
        static Snapshot take() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getName().equals("Metaspace"))
                    .mapToLong(pool -> pool.getUsage().getUsed()).sum();
            long classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            return new Snapshot(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), metaspace, classes);
        }
    }

}
