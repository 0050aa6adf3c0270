package dev.cadre.platform.console;

import dev.cadre.platform.audit.Actor;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;

import dev.cadre.platform.console.Sessions.Session;
import dev.cadre.platform.users.UserDirectory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in and sign-out. A failed sign-in says only "wrong username or password", never which; a name
 * locked by the sign-in throttle gets 429 and is told to try again later. Each sign-in opens a new
 * session (a session id is never carried over from before).
 */
final class LoginPages {

    static final String WRONG = "Wrong username or password.";

    private final UserDirectory users;
    private final Sessions sessions;
    private final Pages pages;
    private final AuditLog audit;

    LoginPages(UserDirectory users, Sessions sessions, Pages pages, AuditLog audit) {
        this.users = users;
        this.audit = audit;
        this.sessions = sessions;
        this.pages = pages;
    }

    void form(Visit visit) {
        if (visit.signedIn().isPresent()) {
            visit.redirect("/");
            return;
        }
        pages.render(visit, 200, "login", "Sign in", Map.of("username", "", "error", ""));
    }

    void signIn(Visit visit) {
        String username = visit.form().text("username").orElse("");
        String password = visit.form().raw("password");
        UserDirectory.SignIn answer = username.isEmpty() || password.isEmpty()
                ? new UserDirectory.SignIn(Optional.empty(), Duration.ZERO)
                : users.signIn(username, password);
        Actor actor = new Actor(username, visit.client());
        if (answer.principal().isPresent()) {
            audit.record(actor, AuditAction.SIGNIN_SUCCESS, "user:" + username, null, Map.of("method", "password"));
            visit.session().ifPresent(old -> sessions.close(old.id()));
            Session session = sessions.open(answer.principal().get().username());
            SessionCookie.write(visit.exchange(), session.id());
            visit.redirect("/");
            return;
        }
        boolean locked = !answer.retryAfter().isZero();
        audit.record(actor, AuditAction.SIGNIN_FAILURE, "user:" + username, null, Map.of("method", "password", "locked", locked));
        String error = locked ? "Too many failed sign-ins for this user. Try again later (in about "
                + Formats.duration(answer.retryAfter()) + ")." : WRONG;
        pages.render(visit, locked ? 429 : 401, "login", "Sign in", Map.of("username", username, "error", error));
    }

    void signOut(Visit visit) {
        visit.session().ifPresent(s -> sessions.close(s.id()));
        SessionCookie.clear(visit.exchange());
        visit.redirect("/login");
    }
}
