package dev.cadre.platform.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an activity's {@code handlerVersion} range picks a release among the enabled ones. */
class ReleasePinsTest {

    private static final List<String[]> RELEASES = List.of(
            release("0.9.0"), release("1.0.0"), release("1.2.0"), release("1.10.1"), release("2.0.0"), release("2.1.0-beta"));

    @Test
    void caretPicksTheNewestOfTheSameMajor() {
        assertEquals("1.10.1", resolve("^1.0"));
        assertEquals("1.10.1", resolve("^1.2"));
        assertEquals("2.0.0", resolve("^2.0"), "a pre-release does not satisfy a plain range");
    }

    @Test
    void tildeStaysWithinTheMinor() {
        assertEquals("1.2.0", resolve("~1.2"));
        assertEquals("1.0.0", resolve("~1.0.0"));
    }

    @Test
    void exactAndExplicitBoundsWork() {
        assertEquals("1.2.0", resolve("1.2.0"));
        assertEquals("1.10.1", resolve(">=1.0 <2.0"));
        assertEquals("0.9.0", resolve("<1.0.0"));
    }

    @Test
    void aRangeNoReleaseSatisfiesResolvesToNothing() {
        assertEquals(Optional.empty(), ReleasePins.newestMatching(RELEASES, "^3.0"));
        assertEquals(Optional.empty(), ReleasePins.newestMatching(List.of(), "^1.0"));
    }

    @Test
    void onlyRangesAreValid() {
        for (String valid : List.of("^1.0", "~1.2.3", "1.0.0", ">=1.0 <2.0", ">= 1.0.0 & < 2.0.0")) {
            assertTrue(ReleasePins.validRange(valid), valid);
        }
        for (String invalid : List.of("^^1", "one", "1.0.0 <", ">=x")) {
            assertFalse(ReleasePins.validRange(invalid), invalid);
        }
    }

    private static String resolve(String range) {
        return ReleasePins.newestMatching(RELEASES, range).orElseThrow()[1];
    }

    private static String[] release(String version) {
        return new String[] {"risk", version, "sha-of-" + version};
    }
}
