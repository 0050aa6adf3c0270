package dev.cadre.platform.api;

import dev.cadre.platform.users.Principal;
import dev.cadre.platform.users.Roles;

/** Who may call a route; finer rules (a task's role, one's own tokens) are checked by the endpoint itself. */
enum Access {
    /** Anyone, without a token ({@code GET /api/health}). */
    OPEN(null),
    /** Any authenticated user. */
    AUTHENTICATED(null),
    /** Operators and admins: start, cancel, resume, migrate workflows. */
    OPERATOR(Roles.OPERATOR),
    /** Admins only: plugins, templates, users. */
    ADMIN(Roles.ADMIN),
    /** Prometheus scrapers (role {@code metrics}), operators and admins. */
    METRICS(Roles.METRICS);

    private final String role;

    Access(String role) {
        this.role = role;
    }

    /** @return the role this level names in a 403, or {@code null} */
    String role() {
        return role;
    }

    /** @param principal an authenticated caller @return whether it may call a route of this level */
    boolean allows(Principal principal) {
        return switch (this) {
            case OPEN, AUTHENTICATED -> true;
            case OPERATOR -> principal.isOperator();
            case ADMIN -> principal.isAdmin();
            case METRICS -> principal.isOperator() || principal.hasRole(Roles.METRICS);
        };
    }
}
