package dev.cadre.platform.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sign-in throttle: per name and per address, a locked name still open to a clean address, bounded without clearing. */
class LoginThrottleTest {

    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Ticking clock = new Ticking();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void aLockedNameStillSignsInFromAnAddressWithNoFailures() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("Victim", "203.0.113.7");
        }
        assertFalse(throttle.lockedFor("victim", "203.0.113.7").isZero(), "the guesser's address is held to the name's lock");
        assertTrue(throttle.lockedFor("victim", "198.51.100.1").isZero(), "the victim's own address has no failures");
    }

    @Test
    void anAddressGuessingManyNamesIsLocked() {
        for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES; i++) {
            throttle.failed("name-" + i, "203.0.113.8");
        }
        assertFalse(throttle.lockedFor("somebody-else", "203.0.113.8").isZero());
        assertTrue(throttle.lockedFor("somebody-else", "198.51.100.2").isZero());
    }

    @Test
    void locksEndAndFailuresAreForgotten() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("victim", "203.0.113.9");
        }
        Duration lock = throttle.lockedFor("victim", "203.0.113.9");
        clock.now = clock.now.plus(lock).plusSeconds(1);
        assertTrue(throttle.lockedFor("victim", "203.0.113.9").isZero());
        clock.now = clock.now.plus(LoginThrottle.MAX_LOCK).plusSeconds(1);
        throttle.failed("victim", "203.0.113.9");
        assertTrue(throttle.lockedFor("victim", "203.0.113.9").isZero(), "failures older than the longest lock are forgotten");
    }

    @Test
    void aFloodOfNamesIsBoundedAndDoesNotClearALock() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("victim", "203.0.113.10");
        }
        // the old throttle cleared its whole table past 10,000 names, unlocking everyone
        for (int i = 0; i < LoginThrottle.MAX_TRACKED - 100; i++) {
            throttle.failed("made-up-" + i, "198.18." + (i / 250) + "." + (i % 250));
        }
        assertFalse(throttle.lockedFor("victim", "203.0.113.10").isZero(), "the victim's lock survives the flood");
        for (int i = 0; i < 3 * LoginThrottle.MAX_TRACKED; i++) {
            throttle.failed("more-" + i, "198.19." + (i / 250 % 250) + "." + (i % 250));
        }
        assertTrue(throttle.tracked() <= 2 * LoginThrottle.MAX_TRACKED, "tracked " + throttle.tracked());
    }

    @Test
    void aSuccessClearsTheNameButNotTheAddress() {
        for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES - 1; i++) {
            throttle.failed("name-" + i, "203.0.113.11");
        }
        throttle.succeeded("attacker", "203.0.113.11");
        throttle.failed("one-more", "203.0.113.11");
        assertFalse(throttle.lockedFor("anyone", "203.0.113.11").isZero());
        assertEquals(Duration.ZERO, throttle.lockedFor("anyone", "192.0.2.1"));
    }
}
