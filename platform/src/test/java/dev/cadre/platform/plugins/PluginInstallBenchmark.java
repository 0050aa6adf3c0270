package dev.cadre.platform.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long installing and upgrading a plugin takes in a live registry, against a baseline in the same
 * process: writing the same JAR bytes to disk. Not a test; run with
 * {@code mvn -B -q -pl platform exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.cadre.platform.plugins.PluginInstallBenchmark}.
 */
public final class PluginInstallBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = 30;
        Path dir = Files.createTempDirectory("cadre-plugin-bench");
        List<byte[]> versions = new ArrayList<>();
        for (int v = 1; v <= rounds + 1; v++) {
            versions.add(PluginJarBuilder.plugin("bench", v + ".0.0").handler("BenchHandler").handler("OtherBenchHandler").build());
        }
        try (PluginHandlerRegistry registry = new PluginHandlerRegistry(new BuiltinHandlerRegistry(), dir.resolve("plugins"), PluginAllowlist.allowAll())) {
            registry.install(versions.get(0)); // warm-up: class loading of PF4J itself
            List<Long> baseline = new ArrayList<>();
            List<Long> upgrades = new ArrayList<>();
            for (int v = 1; v <= rounds; v++) {
                byte[] jar = versions.get(v);
                long start = System.nanoTime();
                Files.write(dir.resolve("copy-" + v + ".jar"), jar);
                baseline.add(System.nanoTime() - start);
                start = System.nanoTime();
                registry.install(jar);
                upgrades.add(System.nanoTime() - start);
                try (HandlerLease lease = registry.lease("BenchHandler").orElseThrow()) {
                    if (!lease.provenance().pluginVersion().equals((v + 1) + ".0.0")) {
                        throw new IllegalStateException("upgrade to " + (v + 1) + " not visible");
                    }
                }
            }
            long base = median(baseline);
            long upgrade = median(upgrades);
            System.out.printf("plugin upgrade (install of a new version, live registry): median %.2f ms over %d rounds%n", upgrade / 1e6, rounds);
            System.out.printf("baseline (write the same JAR bytes to disk): median %.3f ms; upgrade / baseline = %.0fx%n", base / 1e6, (double) upgrade / base);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
