package dev.cadre.platform.console;

import dev.cadre.platform.users.Principal;
import dev.cadre.platform.users.Roles;

/**
 * Who may open a console page; the same rules as the REST routes' {@code Access}, from {@link Principal}
 * (finer rules, such as a task's role, are the page's).
 */
enum Need {
    /** No sign-in (the login page, the style sheet). */
    NOBODY,
    /** Any signed-in user who works in Cadre (any role but {@code metrics}). */
    SIGNED_IN,
    /** Operators and admins: start and cancel workflows. */
    OPERATOR,
    /** Admins: plugins and templates. */
    ADMIN,
    /** Auditors and admins: the audit log. */
    AUDIT;

    /** @param principal a signed-in user @return whether they may open a page of this level */
    boolean allows(Principal principal) {
        return switch (this) {
            case NOBODY -> true;
            case SIGNED_IN -> principal.mayRead();
            case OPERATOR -> principal.isOperator();
            case ADMIN -> principal.isAdmin();
            case AUDIT -> principal.mayReadAudit();
        };
    }

    /** @return the role a refusal names */
    String role() {
        return switch (this) {
            case ADMIN -> Roles.ADMIN;
            case OPERATOR -> Roles.OPERATOR;
            case NOBODY, SIGNED_IN, AUDIT -> Roles.AUDITOR;
        };
    }
}
