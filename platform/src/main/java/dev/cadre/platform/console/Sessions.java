package dev.cadre.platform.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in sessions, in memory: a random id (32 bytes from {@link SecureRandom}) per
 * sign-in, ending after {@link #IDLE} without a request or {@link #ABSOLUTE} after the sign-in, whichever
 * comes first. A restart signs everyone out, which is acceptable for a console.
 */
final class Sessions {

    /** A session unused this long ends. */
    static final Duration IDLE = Duration.ofMinutes(30);
    /** A session ends this long after its sign-in, used or not. */
    static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    /**
     * One signed-in browser.
     *
     * @param id        the cookie value
     * @param username  who signed in
     * @param csrf      the token every form of this session carries
     * @param createdAt when they signed in
     * @param lastSeen  their last request
     */
    record Session(String id, String username, String csrf, Instant createdAt, Instant lastSeen) {

        /** @param presented a form's token @return whether it is this session's */
        boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** @param username who signed in @return their new session */
    Session open(String username) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
        }
        Session session = new Session(randomId(), username, randomId(), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** @param id a cookie value @return its live session, touched, or empty when unknown or expired */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = sessions.computeIfPresent(id, (k, s) -> expired(s, now) ? null
                : new Session(s.id(), s.username(), s.csrf(), s.createdAt(), now));
        return Optional.ofNullable(session);
    }

    /** @param id a session to end (sign-out) */
    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /**
     * Ends every session of a user (their password changed, or they were disabled).
     *
     * @param username the user
     * @return how many sessions ended
     */
    int endAllFor(String username) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.username().equals(username));
        return Math.max(0, before - sessions.size());
    }

    private static boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen().plus(IDLE)) || now.isAfter(s.createdAt().plus(ABSOLUTE));
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
