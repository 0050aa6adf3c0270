package dev.cadre.platform.api;

import dev.cadre.platform.users.Principal;
import dev.cadre.platform.users.Roles;

/**
 * Who may call a route, the one table of levels (the console's {@code Need} follows the same rules
 * from {@link Principal}); finer rules (a task's role or assignee, one's own tokens) are checked by the
 * endpoint itself.
 */
enum Access {
    /** Anyone, without a token ({@code GET /api/health}). */
    OPEN(null),
    /**
     * Anyone who works in Cadre: any role but {@code metrics}. A refusal names {@code auditor}, the least
     * role that reads.
     */
    AUTHENTICATED(Roles.AUDITOR),
    /** Operators and admins: start, cancel, resume, migrate workflows. */
    OPERATOR(Roles.OPERATOR),
    /** Admins only: plugins, templates, users. */
    ADMIN(Roles.ADMIN),
    /** Auditors and admins: the audit log. */
    AUDIT(Roles.AUDITOR),
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
            case OPEN -> true;
            case AUTHENTICATED -> principal.mayRead();
            case OPERATOR -> principal.isOperator();
            case ADMIN -> principal.isAdmin();
            case AUDIT -> principal.mayReadAudit();
            case METRICS -> principal.mayScrape();
        };
    }
}
