package dev.cadre.platform.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.cluster.ClusterNode;
import dev.cadre.platform.cluster.HostRelease;
import dev.cadre.platform.cluster.PluginRelease;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.templates.TemplateEntities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts following the plugins in the database: each test's hosts are a registry and a cluster node over
 * one real PostgreSQL, with plugin JARs compiled in the test.
 */
class PluginReconcilerIT {

    /** Slow enough that a test passing within it shows the periodic check, not chance, did the work. */
    private static final ClusterNode.Timing NO_LISTENING = new ClusterNode.Timing(Duration.ofSeconds(1), Duration.ofMillis(700), false);

    @TempDir
    static Path home;
    private static Database database;

    @TempDir
    Path hosts;
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    static void open() {
        database = Database.open(new ConfigLoader(Map.of()).load(home), TemplateEntities.all());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @AfterEach
    void stopHosts() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        try (Connection connection = database.dataSource().getConnection()) {
            connection.createStatement().execute("DELETE FROM cluster_hosts; DELETE FROM plugin_releases; DELETE FROM plugin_jars");
        }
    }

    private record Host(PluginHandlerRegistry registry, ClusterNode node) {
    }

    private Host host(String name, ClusterNode.Timing timing) throws Exception {
        Path dir = Files.createDirectories(hosts.resolve(name));
        PluginHandlerRegistry registry = PluginTestSupport.registry(dir.resolve("plugins"));
        started.add(registry);
        ClusterNode node = ClusterNode.join(dir, database.dataSource(), registry, registry.handlers().keySet(), timing);
        started.add(node);
        return new Host(registry, node);
    }

    @Test
    void aHostThatMissedTheNotificationCatchesUpAtThePeriodicCheck() throws Exception {
        Host a = host("a", NO_LISTENING);
        Host b = host("b", NO_LISTENING);
        byte[] jar = PluginJarBuilder.plugin("recon-missed", "1.0.0").handler("ReconMissedHandler").build();

        a.node().plugins().install(jar, "alice");

        assertTrue(a.registry().knows("ReconMissedHandler"));
        PluginTestSupport.await("the cluster to settle", () -> b.registry().knows("ReconMissedHandler"));
        assertEquals("recon-missed@1.0.0", b.registry().handlers().get("ReconMissedHandler").source());
        PluginTestSupport.await("the cluster to settle", () -> loadedOn("recon-missed", b) && loadedOn("recon-missed", a));

        a.node().store().setState("recon-missed", null, PluginRelease.DesiredState.DISABLED, "alice");
        PluginTestSupport.await("the cluster to settle", () -> !b.registry().knows("ReconMissedHandler"));
    }

    @Test
    void aJarWhoseBytesDoNotMatchItsSha256IsRefusedAndTheHostCarriesOn() throws Exception {
        Host a = host("a", ClusterNode.Timing.DEFAULT);
        byte[] good = PluginJarBuilder.plugin("recon-good", "1.0.0").handler("ReconGoodHandler").build();
        byte[] tampered = PluginJarBuilder.plugin("recon-tampered", "1.0.0").handler("ReconTamperedHandler").build();
        a.node().plugins().install(tampered, "alice");
        a.node().plugins().install(good, "alice");
        byte[] other = PluginJarBuilder.plugin("recon-tampered", "1.0.0").handler("ReconOtherHandler").build();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE plugin_jars SET content = ? WHERE sha256 = (SELECT sha256 FROM plugin_releases WHERE plugin_id = 'recon-tampered')")) {
            update.setBytes(1, other);
            assertEquals(1, update.executeUpdate());
        }

        Host b = host("b", ClusterNode.Timing.DEFAULT);

        assertTrue(b.registry().knows("ReconGoodHandler"), "the host loads the other release and carries on");
        assertFalse(b.registry().knows("ReconTamperedHandler"));
        assertFalse(b.registry().knows("ReconOtherHandler"), "bytes that do not match are never loaded");
        HostRelease refused = b.node().plugins().states().stream()
                .filter(release -> release.pluginId().equals("recon-tampered")).findFirst().orElseThrow();
        assertEquals(HostRelease.FAILED, refused.state());
        assertTrue(refused.reason().contains("SHA-256"), refused.reason());
        PluginTestSupport.await("the cluster to settle", () -> b.node().hosts().list().stream()
                .filter(host -> host.id().equals(b.node().hostId())).flatMap(host -> host.releases().stream())
                .anyMatch(release -> release.pluginId().equals("recon-tampered") && HostRelease.FAILED.equals(release.state())));
    }

    @Test
    void aJarDroppedIntoOneHostsDirectoryReachesTheDatabaseAndTheOtherHosts() throws Exception {
        Host a = host("a", ClusterNode.Timing.DEFAULT);
        Host b = host("b", ClusterNode.Timing.DEFAULT);
        a.registry().watch(Duration.ofMillis(200));
        PluginJarBuilder.plugin("recon-dropped", "2.1.0").handler("ReconDroppedHandler")
                .writeTo(a.registry().pluginsDir().resolve("recon-dropped.jar"));

        PluginTestSupport.await("the cluster to settle", () -> b.registry().knows("ReconDroppedHandler"));
        PluginRelease stored = a.node().store().releases().stream()
                .filter(release -> release.pluginId().equals("recon-dropped")).findFirst().orElseThrow();
        assertTrue(stored.installedBy().startsWith("plugins directory on "), stored.installedBy());
    }

    private static boolean loadedOn(String pluginId, Host host) {
        return host.node().hosts().live().stream().filter(h -> h.id().equals(host.node().hostId()))
                .flatMap(h -> h.releases().stream())
                .anyMatch(release -> release.pluginId().equals(pluginId) && HostRelease.LOADED.equals(release.state()));
    }
}
