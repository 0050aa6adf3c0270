package dev.cadre.platform.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #FREE_FAILURES} wrong passwords for one username, that name is
 * locked for a while, doubling with each further failure up to {@link #MAX_LOCK}. A success clears it.
 * Kept in memory: a restart forgives, which is acceptable for a lock of minutes.
 */
public final class LoginThrottle {

    /** Wrong passwords allowed before the first lock. */
    public static final int FREE_FAILURES = 5;
    private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** @param clock the time source */
    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    /** @param username a name @return how long it stays locked, or zero */
    public Duration lockedFor(String username) {
        Failures f = failures.get(key(username));
        if (f == null || f.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), f.lockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** @param username a name whose password was wrong */
    public void failed(String username) {
        if (failures.size() > MAX_TRACKED) {
            failures.clear(); // a flood of made-up names must not grow memory without bound
        }
        failures.compute(key(username), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            Instant until = null;
            if (count >= FREE_FAILURES) {
                long factor = 1L << Math.min(count - FREE_FAILURES, 10);
                Duration lock = FIRST_LOCK.multipliedBy(factor);
                until = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
            }
            return new Failures(count, until);
        });
    }

    /** @param username a name that signed in */
    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    }
}
