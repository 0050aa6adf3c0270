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
