package dev.cadre.platform.users;

import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.persistence.Jdbc;
import dev.cadre.platform.text.ControlCharacters;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, their roles, passwords (bcrypt) and personal API tokens (stored as SHA-256; a token is shown
 * once, when issued), in PostgreSQL. Sign-in by password is throttled per username and per client address
 * ({@link LoginThrottle}) and checked on its own few threads ({@link PasswordChecks}). A new password or a
 * disable ends the user's console sessions (through {@link #onCredentialsChanged}).
 */
public final class UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String TOKEN_PREFIX = "cadre_";

    private final DataSource dataSource;
    private final PasswordHasher passwords = new PasswordHasher();
    private final PasswordChecks checks = PasswordChecks.forThisMachine(passwords);
    private final LoginThrottle throttle;
    private final List<Consumer<String>> credentialsChanged = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param dataSource the host database
     * @param clock      the time source of the sign-in throttle
     */
    public UserDirectory(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.throttle = new LoginThrottle(clock);
    }

    /**
     * A personal token, as issued: the secret is shown this once.
     *
     * @param id    the token's id (to revoke it)
     * @param token the secret
     */
    public record IssuedToken(long id, String token) {
    }

    /**
     * A user as created, with the first personal token.
     *
     * @param user  the user
     * @param token the first token
     */
    public record Created(User user, IssuedToken token) {
    }

    /**
     * A sign-in attempt's answer.
     *
     * @param principal who signed in, when the password was right
     * @param retryAfter how long the name is locked after too many wrong passwords, or zero
     */
    public record SignIn(Optional<Principal> principal, Duration retryAfter) {
    }

    /**
     * @param username    login name: lower case letters, digits, '.', '_', '-'
     * @param displayName how to show the person, or {@code null} for the username
     * @param password    a console password, or {@code null} for a token-only user
     * @param roles       at least one role
     * @return the user and its first token
     */
    public Created create(String username, String displayName, String password, List<String> roles) {
        checkUsername(username);
        List<String> checkedRoles = checkRoles(roles);
        String hash = password == null ? null : hash(password);
        String shown = displayName == null || displayName.isBlank() ? username : displayName.strip();
        if (shown.length() > 200) {
            throw new UserException(UserException.Kind.INVALID, "displayName may have at most 200 characters");
        }
        return inTransaction(connection -> {
            long id;
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO cadre_users (username, display_name, roles, password_hash) VALUES (?, ?, ?, ?)
                    ON CONFLICT (username) DO NOTHING RETURNING id""")) {
                statement.setString(1, username);
                statement.setString(2, shown);
                statement.setArray(3, connection.createArrayOf("text", checkedRoles.toArray()));
                statement.setString(4, hash);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        throw new UserException(UserException.Kind.CONFLICT, "user '" + username + "' exists already");
                    }
                    id = rs.getLong(1);
                }
            }
            IssuedToken token = insertToken(connection, id);
            log.info("User {} created with roles {}", username, checkedRoles);
            return new Created(find(connection, username).orElseThrow(), token);
        });
    }

    /**
     * @param role a role
     * @return the e-mail addresses of the enabled users who hold it (where deadline notices go)
     */
    public List<String> emailsOf(String role) {
        return inTransaction(connection -> {
            List<String> emails = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT email FROM cadre_users WHERE ? = ANY (roles) AND NOT disabled AND email IS NOT NULL ORDER BY username")) {
                statement.setString(1, role);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        emails.add(rs.getString(1));
                    }
                }
            }
            return emails;
        });
    }

    /**
     * @param username a user
     * @param email    their e-mail address (where deadline notices go), or {@code null} for none
     * @return the user after the change
     */
    public User email(String username, String email) {
        checkEmail(email);
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE cadre_users SET email = ? WHERE username = ?")) {
                statement.setString(1, email);
                statement.setString(2, username);
                if (statement.executeUpdate() == 0) {
                    throw notFound(username);
                }
            }
            return find(connection, username).orElseThrow();
        });
    }

    /** @param email an address or {@code null} @throws UserException INVALID when it is not one */
    public static void checkEmail(String email) {
        if (email != null && (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+"))) {
            throw new UserException(UserException.Kind.INVALID, "email must be an address like name@example.com");
        }
    }

    /** @return every user, by name */
    public List<User> list() {
        return inTransaction(connection -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(SELECT_USER + " ORDER BY username");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    users.add(user(rs));
                }
            }
            return users;
        });
    }

    /** @param username a name @return the user, if there is one */
    public Optional<User> find(String username) {
        return inTransaction(connection -> find(connection, username));
    }

    /**
     * Changes what is given; {@code null} leaves a part as it is.
     *
     * @param username    the user
     * @param displayName a new display name
     * @param roles       new roles
     * @param disabled    whether the user is disabled
     * @param password    a new password
     * @return the user after the change
     */
    public User update(String username, String displayName, List<String> roles, Boolean disabled, String password) {
        List<String> checkedRoles = roles == null ? null : checkRoles(roles);
        String hash = password == null ? null : hash(password);
        User changed = inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE cadre_users SET display_name = COALESCE(?, display_name), roles = COALESCE(?, roles),
                        disabled = COALESCE(?, disabled), password_hash = COALESCE(?, password_hash)
                    WHERE username = ?""")) {
                statement.setString(1, displayName == null || displayName.isBlank() ? null : displayName.strip());
                statement.setArray(2, checkedRoles == null ? null : connection.createArrayOf("text", checkedRoles.toArray()));
                statement.setObject(3, disabled);
                statement.setString(4, hash);
                statement.setString(5, username);
                if (statement.executeUpdate() == 0) {
                    throw notFound(username);
                }
            }
            log.info("User {} changed{}{}{}", username, checkedRoles == null ? "" : ": roles " + checkedRoles,
                    disabled == null ? "" : disabled ? ", disabled" : ", enabled", hash == null ? "" : ", new password");
            return find(connection, username).orElseThrow();
        });
        if (hash != null || Boolean.TRUE.equals(disabled)) {
            credentialsChanged.forEach(listener -> listener.accept(username));
        }
        return changed;
    }

    /**
     * @param endSessions called with a username after that user's password changed or the user was disabled
     *                    (the console ends their sessions)
     */
    public void onCredentialsChanged(Consumer<String> endSessions) {
        credentialsChanged.add(endSessions);
    }

    /**
     * @param username the user
     * @return how many live tokens were revoked
     * @throws UserException NOT_FOUND when there is no such user
     */
    public int revokeAllTokens(String username) {
        return inTransaction(connection -> {
            long id = userId(connection, username);
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE cadre_user_tokens SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL")) {
                statement.setLong(1, id);
                int revoked = statement.executeUpdate();
                log.info("User {}: {} token(s) revoked", username, revoked);
                return revoked;
            }
        });
    }

    /** @param username the user @return a new personal token for them */
    public IssuedToken issueToken(String username) {
        return inTransaction(connection -> insertToken(connection, userId(connection, username)));
    }

    /**
     * @param username the user
     * @param tokenId  one of their tokens
     * @throws UserException NOT_FOUND when the user has no such live token
     */
    public void revokeToken(String username, long tokenId) {
        inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE cadre_user_tokens SET revoked_at = now()
                    WHERE id = ? AND revoked_at IS NULL AND user_id = (SELECT id FROM cadre_users WHERE username = ?)""")) {
                statement.setLong(1, tokenId);
                statement.setString(2, username);
                if (statement.executeUpdate() == 0) {
                    throw new UserException(UserException.Kind.NOT_FOUND, "user '" + username + "' has no live token " + tokenId);
                }
            }
            return null;
        });
    }

    /**
     * @param token a bearer token presented
     * @return its user's principal, when the token is live and the user enabled
     */
    public Optional<Principal> byToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String digest = Artifacts.sha256(token.getBytes(StandardCharsets.UTF_8));
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_USER
                    + " JOIN cadre_user_tokens t ON t.user_id = u.id WHERE t.token_sha256 = ? AND t.revoked_at IS NULL AND NOT u.disabled")) {
                statement.setString(1, digest);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    User user = user(rs);
                    // a write per minute at most, not per request
                    try (PreparedStatement used = connection.prepareStatement("""
                            UPDATE cadre_user_tokens SET last_used_at = now()
                            WHERE token_sha256 = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")) {
                        used.setString(1, digest);
                        used.executeUpdate();
                    }
                    return Optional.of(user.principal());
                }
            }
        });
    }

    /**
     * Checks a password, throttled per username and client address; the answer never says whether the name
     * exists, and a name that does not exist costs the same bcrypt as one that does.
     *
     * @param username the name typed
     * @param password the password typed
     * @param address  the client's address
     * @return who signed in, or why not
     * @throws SignInBusyException when too many sign-ins are being checked at once (nothing was checked)
     */
    public SignIn signIn(String username, String password, String address) {
        Duration locked = throttle.lockedFor(username, address);
        if (!locked.isZero()) {
            return new SignIn(Optional.empty(), locked);
        }
        Optional<String[]> stored = inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT password_hash, disabled FROM cadre_users WHERE username = ?")) {
                statement.setString(1, username);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), String.valueOf(rs.getBoolean(2))}) : Optional.empty();
                }
            }
        });
        String hash = stored.map(s -> s[0]).orElse(null);
        boolean right = checks.matches(hash, password == null ? new char[0] : password.toCharArray());
        if (!right || stored.isEmpty() || Boolean.parseBoolean(stored.get()[1])) {
            throttle.failed(username, address);
            log.warn("Failed sign-in for '{}' from {}", ControlCharacters.forLog(username), ControlCharacters.forLog(address));
            return new SignIn(Optional.empty(), Duration.ZERO);
        }
        throttle.succeeded(username, address);
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE cadre_users SET last_login_at = now() WHERE username = ?")) {
                statement.setString(1, username);
                statement.executeUpdate();
            }
            return new SignIn(find(connection, username).map(User::principal), Duration.ZERO);
        });
    }

    /**
     * Records a person who signed in through the identity provider: creates their user (no password, no
     * token) or updates its display name and roles from the provider, tied to the provider's subject. A
     * name that belongs to a local user, or to another subject, is never taken over.
     *
     * @param subject     the provider's {@code sub}
     * @param username    their Cadre name
     * @param displayName how to show them
     * @param roles       the roles their claim values map to (at least one)
     * @return their principal, or empty when an admin disabled them
     * @throws UserException CONFLICT when the name is someone else's
     */
    public Optional<Principal> signInFromProvider(String subject, String username, String displayName, List<String> roles) {
        checkUsername(username);
        List<String> checkedRoles = checkRoles(roles);
        return inTransaction(connection -> {
            try (PreparedStatement linked = connection.prepareStatement("SELECT username FROM cadre_users WHERE oidc_subject = ?")) {
                linked.setString(1, subject);
                try (ResultSet rs = linked.executeQuery()) {
                    if (rs.next() && !rs.getString(1).equals(username)) {
                        throw new UserException(UserException.Kind.CONFLICT, "this provider account is tied to the Cadre user '" + rs.getString(1)
                                + "', not '" + username + "'");
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO cadre_users (username, display_name, roles, oidc_subject, last_login_at) VALUES (?, ?, ?, ?, now())
                    ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, roles = EXCLUDED.roles, last_login_at = now()
                    WHERE cadre_users.oidc_subject = EXCLUDED.oidc_subject
                    RETURNING disabled""")) {
                statement.setString(1, username);
                statement.setString(2, displayName);
                statement.setArray(3, connection.createArrayOf("text", checkedRoles.toArray()));
                statement.setString(4, subject);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        throw new UserException(UserException.Kind.CONFLICT, "the name '" + username
                                + "' belongs to a local Cadre user; single sign-on does not take it over");
                    }
                    if (rs.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
            }
            log.info("User {} signed in through the identity provider with roles {}", username, checkedRoles);
            return find(connection, username).map(User::principal);
        });
    }

    /**
     * For an access token of the identity provider: whether its name may act in Cadre. A name nobody has
     * is fine (an API client that never opened the console); a name of a local user or of another
     * subject is not, nor a user an admin disabled.
     *
     * @param subject  the token's {@code sub}
     * @param username the token's Cadre name
     * @return why not, or {@code null} when it may
     */
    public String providerRefusal(String subject, String username) {
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT oidc_subject, disabled FROM cadre_users WHERE username = ? OR oidc_subject = ?")) {
                statement.setString(1, username);
                statement.setString(2, subject);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        if (!subject.equals(rs.getString(1))) {
                            return "the name '" + username + "' belongs to another Cadre user";
                        }
                        if (rs.getBoolean(2)) {
                            return "user '" + username + "' is disabled";
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * @param username a user
     * @return the user's live tokens: id, created and last used times (never the secrets)
     */
    public List<TokenInfo> tokens(String username) {
        return inTransaction(connection -> {
            List<TokenInfo> tokens = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT id, created_at, last_used_at FROM cadre_user_tokens
                    WHERE revoked_at IS NULL AND user_id = ? ORDER BY id""")) {
                statement.setLong(1, userId(connection, username));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Timestamp used = rs.getTimestamp(3);
                        tokens.add(new TokenInfo(rs.getLong(1), rs.getTimestamp(2).toInstant(), used == null ? null : used.toInstant()));
                    }
                }
            }
            return tokens;
        });
    }

    /**
     * A live token, without its secret.
     *
     * @param id         its id
     * @param createdAt  when it was issued
     * @param lastUsedAt when it was last used (to the minute), or {@code null}
     */
    public record TokenInfo(long id, java.time.Instant createdAt, java.time.Instant lastUsedAt) {
    }

    private static final String SELECT_USER = """
            SELECT u.username, u.display_name, u.roles, u.disabled, u.password_hash IS NOT NULL, u.created_at, u.last_login_at, u.email
            FROM cadre_users u""";

    private static User user(ResultSet rs) throws SQLException {
        Array roles = rs.getArray(3);
        Timestamp login = rs.getTimestamp(7);
        return new User(rs.getString(1), rs.getString(2), List.of((String[]) roles.getArray()), rs.getBoolean(4), rs.getBoolean(5),
                rs.getTimestamp(6).toInstant(), login == null ? null : login.toInstant(), rs.getString(8));
    }

    private static Optional<User> find(Connection connection, String username) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_USER + " WHERE u.username = ?")) {
            statement.setString(1, username);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    private static long userId(Connection connection, String username) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM cadre_users WHERE username = ?")) {
            statement.setString(1, username);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw notFound(username);
                }
                return rs.getLong(1);
            }
        }
    }

    private IssuedToken insertToken(Connection connection, long userId) throws SQLException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO cadre_user_tokens (user_id, token_sha256) VALUES (?, ?) RETURNING id")) {
            statement.setLong(1, userId);
            statement.setString(2, Artifacts.sha256(token.getBytes(StandardCharsets.UTF_8)));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new IssuedToken(rs.getLong(1), token);
            }
        }
    }

    private String hash(String password) {
        String problem = PasswordHasher.problem(password);
        if (problem != null) {
            throw new UserException(UserException.Kind.INVALID, problem);
        }
        return passwords.hash(password.toCharArray());
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new UserException(UserException.Kind.INVALID,
                    "username must be 1-64 lower case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static List<String> checkRoles(List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new UserException(UserException.Kind.INVALID, "a user needs at least one role");
        }
        for (int i = 0; i < roles.size(); i++) {
            if (!Roles.isValid(roles.get(i))) {
                throw new UserException(UserException.Kind.INVALID, "roles[" + i + "] ('" + roles.get(i)
                        + "') must be 1-64 lower case letters, digits, '.', '_' or '-'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(roles));
    }

    private static UserException notFound(String username) {
        return new UserException(UserException.Kind.NOT_FOUND, "no user '" + username + "'");
    }

    private <T> T inTransaction(Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, "user directory", work);
    }
}
