package dev.cadre.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestActivityContextTest {

    @Test
    void outputsFollowTheHostsVisibilityRules() {
        TestActivityContext context = TestActivityContext.builder()
                .instance("owner-a")
                .output("GENERATE_SAMPLES", Map.of("sampleCount", 3L))
                .sameInstanceOutput("UPLOAD_EVIDENCE", Map.of("outcome", "DONE"))
                .instanceOutput("OTHER_FAN_OUT", "doc-1", Map.of("n", 1L))
                .build();

        assertEquals("owner-a", context.instanceKey());
        assertEquals(Optional.of("owner-a"), context.instance());
        assertEquals(Map.of("sampleCount", 3L), context.output("GENERATE_SAMPLES").orElseThrow());
        assertEquals(Map.of("outcome", "DONE"), context.output("UPLOAD_EVIDENCE").orElseThrow());
        assertTrue(context.output("OTHER_FAN_OUT").isEmpty(), "another fan-out is only visible via outputs()");
        assertEquals(Map.of("owner-a", Map.of("outcome", "DONE")), context.outputs().get("UPLOAD_EVIDENCE"));
        assertEquals(Map.of("doc-1", Map.of("n", 1L)), context.outputs().get("OTHER_FAN_OUT"));
        assertThrows(UnsupportedOperationException.class, () -> context.outputs().put("X", 1));
    }

    @Test
    void retryKeepsTheStoreAndCountsTheAttempt() {
        TestActivityContext first = TestActivityContext.builder().artifact("in.csv", "text/csv", "a\n").build();
        TestActivityContext retry = first.retry();
        assertEquals(2, retry.attempt());
        assertSame(first.artifacts(), retry.artifacts());
        retry.heartbeat(Map.of("done", 1L));
        retry.heartbeat(null);
        assertEquals(2, retry.heartbeats().size());
    }

    @Test
    void storeHashesAndIgnoresSameContent() {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        var a = store.putText("x/y.txt", "text/plain", "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", a.sha256());
        assertSame(a, store.putText("x/y.txt", "text/plain", "abc"));
        assertEquals(1, store.writeCount());
        store.putText("x/y.txt", "text/plain", "abd");
        assertEquals(2, store.writeCount());
        assertEquals(List.of("x/y.txt"), store.list());
        assertThrows(IllegalArgumentException.class, () -> store.putText("bad name", "text/plain", ""));
    }

    @Test
    void jsonCompatibilityNamesTheOffendingPath() {
        assertTrue(JsonValues.firstIncompatible(Map.of("a", List.of(1L, "x", true))).isEmpty());
        assertEquals(Optional.of("$.a[1] (java.lang.Object)"),
                JsonValues.firstIncompatible(Map.of("a", List.of(1L, new Object()))));
    }
}
