package dev.cadre.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which pinned releases a host loads beside the newest, within the cap on versions per plugin. */
class PluginReconcilerCapTest {

    private static final PluginRelease V1 = release("1.0.0", PluginRelease.DesiredState.ENABLED);
    private static final PluginRelease V2 = release("2.0.0", PluginRelease.DesiredState.ENABLED);
    private static final PluginRelease V3 = release("3.0.0", PluginRelease.DesiredState.ENABLED);
    private static final PluginRelease V4 = release("4.0.0", PluginRelease.DesiredState.ENABLED);
    private static final Map<String, List<PluginRelease>> BY_ID = Map.of("risk", List.of(V1, V2, V3, V4));
    private static final Map<String, PluginRelease> NEWEST = Map.of("risk", V4);

    @Test
    void pinnedOlderReleasesAreLoadedNewestFirstUpToTheCap() {
        Set<String> pinned = Set.of(V1.sha256(), V2.sha256(), V3.sha256());
        assertEquals(List.of("risk@3.0.0", "risk@2.0.0"), keys(PluginReconciler.beside(BY_ID, NEWEST, pinned, 3)),
                "the newest plus two pinned: three versions loaded");
        assertEquals(List.of("risk@3.0.0", "risk@2.0.0", "risk@1.0.0"), keys(PluginReconciler.beside(BY_ID, NEWEST, pinned, 4)));
        assertEquals(List.of(), keys(PluginReconciler.beside(BY_ID, NEWEST, pinned, 1)), "a cap of 1: the newest only");
    }

    @Test
    void onlyPinnedEnabledReleasesOtherThanTheNewestAreLoadedBeside() {
        PluginRelease disabled = release("1.5.0", PluginRelease.DesiredState.DISABLED);
        Map<String, List<PluginRelease>> byId = Map.of("risk", List.of(V1, disabled, V2, V4));
        Set<String> pinned = Set.of(V1.sha256(), disabled.sha256(), V4.sha256());
        assertEquals(List.of("risk@1.0.0"), keys(PluginReconciler.beside(byId, NEWEST, pinned, 3)),
                "not the unpinned 2.0.0, not the disabled 1.5.0, not the newest itself");
    }

    private static List<String> keys(Map<String, PluginRelease> beside) {
        return List.copyOf(beside.keySet());
    }

    private static PluginRelease release(String version, PluginRelease.DesiredState state) {
        return new PluginRelease("risk", version, "sha-" + version, state, "test", Instant.EPOCH, "test", Instant.EPOCH);
    }
}
