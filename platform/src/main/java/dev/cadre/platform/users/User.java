package dev.cadre.platform.users;

import java.time.Instant;
import java.util.List;

/**
 * A person who works in Cadre.
 *
 * @param username    unique login name
 * @param displayName how the person is shown
 * @param roles       roles ({@link Roles} or task roles)
 * @param disabled    whether the user may no longer sign in or use tokens
 * @param hasPassword whether the user can sign in to the console
 * @param createdAt   when the user was created
 * @param lastLoginAt the last console sign-in, or {@code null}
 * @param email       where deadline notices go, or {@code null}
 */
public record User(String username, String displayName, List<String> roles, boolean disabled, boolean hasPassword, Instant createdAt,
        Instant lastLoginAt, String email) {

    /** Copies the roles. */
    public User {
        roles = List.copyOf(roles);
    }

    /** @return the principal this user acts as */
    public Principal principal() {
        return new Principal(username, displayName, roles, false);
    }
}
