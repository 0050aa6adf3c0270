package dev.cadre.platform.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing, per username and per client address. After {@link #FREE_FAILURES} wrong passwords
 * for one name, or {@link #FREE_ADDRESS_FAILURES} from one address (any names), that name or address is locked
 * for a while, doubling with each further failure up to {@link #MAX_LOCK}.
 *
 * <p>A locked name stays open to addresses that have no failures: someone who knows a user's name cannot lock
 * them out by guessing from elsewhere, while a guesser's own address is held to the name's lock (and soon to
 * its own). A success clears the name, not the address (an attacker with an account cannot wash an address).
 * Failures are forgotten {@link #MAX_LOCK} after the last one.
 *
 * <p>Each table keeps at most {@link #MAX_TRACKED} entries and evicts the one whose last failure is oldest, so a
 * flood of made-up names costs bounded memory and never clears the table. Kept in memory: a restart forgives,
 * which is acceptable for a lock of minutes.
 */
public final class LoginThrottle {

    /** Wrong passwords for one name allowed before the name's first lock. */
    public static final int FREE_FAILURES = 5;
    /** Wrong passwords from one address (any names) allowed before the address's first lock. */
    public static final int FREE_ADDRESS_FAILURES = 20;
    /** The longest lock; also how long a failure is remembered. */
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** Entries per table (names, addresses). */
    public static final int MAX_TRACKED = 10_000;
    private static final Duration FIRST_LOCK = Duration.ofSeconds(30);

    private final Clock clock;
    private final Table names = new Table(FREE_FAILURES);
    private final Table addresses = new Table(FREE_ADDRESS_FAILURES);

    /** @param clock the time source */
    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param username the name typed
     * @param address  the client's address
     * @return how long a sign-in as this name from this address stays refused, or zero
     */
    public Duration lockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration byAddress = addresses.lockedFor(key(address), now);
        if (!addresses.hasFailures(key(address), now)) {
            return byAddress; // an address with no failures is not held to a name's lock
        }
        Duration byName = names.lockedFor(key(username), now);
        return byName.compareTo(byAddress) > 0 ? byName : byAddress;
    }

    /**
     * @param username a name whose password was wrong (or that does not exist)
     * @param address  where the attempt came from
     */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        names.failed(key(username), now);
        addresses.failed(key(address), now);
    }

    /**
     * @param username a name that signed in
     * @param address  where from (its failures stay)
     */
    public void succeeded(String username, String address) {
        names.forget(key(username));
    }

    /** @return how many names and addresses are tracked (bounded by {@link #MAX_TRACKED} each) */
    int tracked() {
        return names.size() + addresses.size();
    }

    private static String key(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    /** One bounded table of failures, the oldest last failure evicted first. */
    private static final class Table {

        private final int free;
        private final LinkedHashMap<String, Failures> entries = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > MAX_TRACKED;
            }
        };

        Table(int free) {
            this.free = free;
        }

        synchronized Duration lockedFor(String key, Instant now) {
            Failures f = live(key, now);
            if (f == null || f.lockedUntil() == null || !f.lockedUntil().isAfter(now)) {
                return Duration.ZERO;
            }
            return Duration.between(now, f.lockedUntil());
        }

        synchronized boolean hasFailures(String key, Instant now) {
            return live(key, now) != null;
        }

        synchronized void failed(String key, Instant now) {
            Failures before = live(key, now);
            int count = before == null ? 1 : before.count() + 1;
            Instant until = null;
            if (count >= free) {
                long factor = 1L << Math.min(count - free, 10);
                Duration lock = FIRST_LOCK.multipliedBy(factor);
                until = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
            }
            entries.remove(key); // re-inserted last: eviction takes the oldest failure first
            entries.put(key, new Failures(count, now, until));
        }

        synchronized void forget(String key) {
            entries.remove(key);
        }

        synchronized int size() {
            return entries.size();
        }

        private Failures live(String key, Instant now) {
            Failures f = entries.get(key);
            if (f != null && now.isAfter(f.last().plus(MAX_LOCK))) {
                entries.remove(key);
                return null;
            }
            return f;
        }
    }
}
