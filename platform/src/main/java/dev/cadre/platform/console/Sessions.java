package dev.cadre.platform.console;

import dev.cadre.platform.persistence.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The console's sign-in sessions, in PostgreSQL, so that every host of a cluster accepts a sign-in made
 * on another and a restart signs nobody out: a random id (32 bytes from {@link SecureRandom}) per
 * sign-in, stored only as its SHA-256 (reading the table signs nobody in), ending after {@link #IDLE}
 * without a request or {@link #ABSOLUTE} after the sign-in, whichever comes first.
 */
public final class Sessions {

    /** A session unused this long ends. */
    static final Duration IDLE = Duration.ofMinutes(30);
    /** A session ends this long after its sign-in, used or not. */
    static final Duration ABSOLUTE = Duration.ofHours(12);
    /** A request refreshes the session's last use at most this often: one write per minute, not per page. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

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

    private final DataSource dataSource;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param dataSource the cluster's database
     * @param clock      the time sessions are judged by
     */
    public Sessions(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** @param username who signed in @return their new session */
    Session open(String username) {
        Instant now = clock.instant();
        Session session = new Session(randomId(), username, randomId(), now, now);
        Jdbc.inTransaction(dataSource, "opening a console session", connection -> {
            try (PreparedStatement purge = connection.prepareStatement(
                    "DELETE FROM console_sessions WHERE last_seen < ? OR created_at < ?")) {
                purge.setTimestamp(1, Timestamp.from(now.minus(IDLE)));
                purge.setTimestamp(2, Timestamp.from(now.minus(ABSOLUTE)));
                purge.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO console_sessions (id_sha256, username, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, hash(session.id()));
                insert.setString(2, username);
                insert.setString(3, session.csrf());
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setTimestamp(5, Timestamp.from(now));
                insert.executeUpdate();
            }
            return null;
        });
        return session;
    }

    /** @param id a cookie value @return its live session, touched, or empty when unknown or expired */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = hash(id);
        return Jdbc.inTransaction(dataSource, "reading a console session", connection -> {
            Session found;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT username, csrf, created_at, last_seen FROM console_sessions WHERE id_sha256 = ?")) {
                select.setString(1, key);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<Session>empty();
                    }
                    found = new Session(id, rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                            rows.getTimestamp(4).toInstant());
                }
            }
            if (expired(found, now)) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM console_sessions WHERE id_sha256 = ?")) {
                    delete.setString(1, key);
                    delete.executeUpdate();
                }
                return Optional.<Session>empty();
            }
            if (found.lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
                try (PreparedStatement touch = connection.prepareStatement("UPDATE console_sessions SET last_seen = ? WHERE id_sha256 = ?")) {
                    touch.setTimestamp(1, Timestamp.from(now));
                    touch.setString(2, key);
                    touch.executeUpdate();
                }
            }
            return Optional.of(new Session(id, found.username(), found.csrf(), found.createdAt(), now));
        });
    }

    /** @param id a session to end (sign-out) */
    void close(String id) {
        if (id == null) {
            return;
        }
        Jdbc.inTransaction(dataSource, "ending a console session", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM console_sessions WHERE id_sha256 = ?")) {
                delete.setString(1, hash(id));
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Signs a person out everywhere (their password changed, or they were disabled).
     *
     * @param username whose sessions end
     * @return how many ended
     */
    public int endAllFor(String username) {
        return Jdbc.inTransaction(dataSource, "ending the console sessions of " + username, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM console_sessions WHERE username = ?")) {
                delete.setString(1, username);
                return delete.executeUpdate();
            }
        });
    }

    private static boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen().plus(IDLE)) || now.isAfter(s.createdAt().plus(ABSOLUTE));
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
