package dev.cadre.platform.users;

import java.util.List;

/**
 * Who a request comes from: a user with roles, or the built-in {@code admin} of the bootstrap token.
 *
 * @param username    the user's name (the bootstrap token's is {@code admin})
 * @param displayName how the user is shown
 * @param roles       the user's roles
 * @param bootstrap   whether this is the bootstrap admin token rather than a user
 */
public record Principal(String username, String displayName, List<String> roles, boolean bootstrap) {

    /** The principal of the bootstrap admin token ({@code CADRE_ADMIN_TOKEN} or {@code data/admin.token}). */
    public static final Principal BOOTSTRAP_ADMIN = new Principal("admin", "Administrator (bootstrap token)", List.of(Roles.ADMIN), true);

    /** Copies the roles. */
    public Principal {
        roles = List.copyOf(roles);
    }

    /** @param role a role @return whether the principal has it ({@code admin} has every right, but not every task role) */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** @return whether the principal may do everything */
    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    /** @return whether the principal may start, cancel, resume and migrate workflows */
    public boolean isOperator() {
        return isAdmin() || hasRole(Roles.OPERATOR);
    }

    /**
     * The rule for reading runs, templates, plugins and the inbox: anyone who works in Cadre, which is
     * any role but {@code metrics} (a Prometheus credential reads {@code /metrics} only). A principal
     * without roles (a single sign-on user no mapping matched) reads nothing.
     *
     * @return whether the principal may read what people read
     */
    public boolean mayRead() {
        return roles.stream().anyMatch(role -> !role.equals(Roles.METRICS));
    }

    /** @return whether the principal may read the audit log: admins and auditors */
    public boolean mayReadAudit() {
        return isAdmin() || hasRole(Roles.AUDITOR);
    }

    /** @return whether the principal may scrape {@code /metrics}: the {@code metrics} role, operators and admins */
    public boolean mayScrape() {
        return isOperator() || hasRole(Roles.METRICS);
    }
}
