package dev.cadre.platform.console;

import dev.cadre.platform.users.Principal;
import dev.cadre.platform.users.Roles;

/** Who may open a console page; the same levels as the REST routes (finer rules, such as a task's role, are the page's). */
enum Need {
    /** No sign-in (the login page, the style sheet). */
    NOBODY,
    /** Any signed-in user: reading is open to everyone who works in Cadre. */
    SIGNED_IN,
    /** Operators and admins: start and cancel workflows. */
    OPERATOR,
    /** Admins: plugins and templates. */
    ADMIN;

    /** @param principal a signed-in user @return whether they may open a page of this level */
    boolean allows(Principal principal) {
        return switch (this) {
            case NOBODY, SIGNED_IN -> true;
            case OPERATOR -> principal.isOperator();
            case ADMIN -> principal.isAdmin();
        };
    }

    /** @return the role a refusal names */
    String role() {
        return this == ADMIN ? Roles.ADMIN : Roles.OPERATOR;
    }
}
