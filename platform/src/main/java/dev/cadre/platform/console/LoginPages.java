package dev.cadre.platform.console;

import dev.cadre.platform.audit.Actor;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;

import dev.cadre.platform.console.Sessions.Session;
import dev.cadre.platform.users.SignInBusyException;
import dev.cadre.platform.config.SignInConfig;
import dev.cadre.platform.users.UserDirectory;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in and sign-out. A failed sign-in says only "wrong username or password", never which; a name or
 * address locked by the sign-in throttle gets 429 and is told to try again later, and a sign-in that finds
 * every password-check slot taken gets 503 at once. Each sign-in opens a new session (a session id is never
 * carried over from before).
 */
final class LoginPages {

    static final String WRONG = "Wrong username or password.";

    private final UserDirectory users;
    private final Sessions sessions;
    private final Pages pages;
    private final AuditLog audit;
    private final SignInConfig signIn;

    LoginPages(UserDirectory users, Sessions sessions, Pages pages, AuditLog audit, SignInConfig signIn) {
        this.users = users;
        this.signIn = signIn;
        this.audit = audit;
        this.sessions = sessions;
        this.pages = pages;
    }

    void form(Visit visit) {
        if (visit.signedIn().isPresent()) {
            visit.redirect(ReturnPath.of(visit.query("next").orElse(null)).orElse("/"));
            return;
        }
        render(visit, 200, "", "");
    }

    void signIn(Visit visit) {
        if (!signIn.localLogin()) {
            render(visit, 403, "", "Sign-in with a password is turned off here; use single sign-on.");
            return;
        }
        String username = visit.form().text("username").orElse("");
        String password = visit.form().raw("password");
        UserDirectory.SignIn answer;
        try {
            answer = username.isEmpty() || password.isEmpty()
                    ? new UserDirectory.SignIn(Optional.empty(), Duration.ZERO)
                    : users.signIn(username, password, clientAddress(visit));
        } catch (SignInBusyException e) {
            visit.exchange().getResponseHeaders().put(Headers.RETRY_AFTER, "5");
            pages.render(visit, 503, "login", "Sign in", Map.of("username", username,
                    "error", "Too many sign-ins are being checked right now. Try again in a few seconds.", "local", signIn.localLogin(),
                    "next", next(visit)));
            return;
        }
        Actor actor = new Actor(username, visit.client());
        if (answer.principal().isPresent()) {
            audit.record(actor, AuditAction.SIGNIN_SUCCESS, "user:" + username, null, Map.of("method", "password"));
            visit.session().ifPresent(old -> sessions.close(old.id()));
            Session session = sessions.open(answer.principal().get().username());
            SessionCookie.write(visit.exchange(), session.id());
            // back to the page that was asked for, when it is one of this console's
            visit.redirect(ReturnPath.of(visit.form().text("next").orElse(null)).orElse("/"));
            return;
        }
        boolean locked = !answer.retryAfter().isZero();
        audit.record(actor, AuditAction.SIGNIN_FAILURE, "user:" + username, null, Map.of("method", "password", "locked", locked));
        String error = locked ? "Too many failed sign-ins. Try again later (in about "
                + Formats.duration(answer.retryAfter()) + ")." : WRONG;
        render(visit, locked ? 429 : 401, username, error);
    }

    /** Shows the sign-in page: the password form unless local sign-in is off, the single sign-on button when it is on. */
    void render(Visit visit, int status, String username, String error) {
        pages.render(visit, status, "login", "Sign in", Map.of("username", username, "error", error, "local", signIn.localLogin(),
                "sso", signIn.oidc().isPresent(), "next", next(visit), "nextQuery", next(visit).isEmpty() ? "" : Links.encode(next(visit))));
    }

    /** @return the safe return path the sign-in carries (a query parameter of the page, a field of the post), or "" */
    private static String next(Visit visit) {
        boolean post = "POST".equals(visit.exchange().getRequestMethod().toString());
        java.util.Optional<String> raw = post ? visit.form().text("next") : visit.query("next");
        return raw.flatMap(ReturnPath::of).orElse("");
    }

    /** The peer's address: the host trusts no forwarding header, so behind a proxy all sign-ins share its address. */
    private static String clientAddress(Visit visit) {
        InetSocketAddress peer = visit.exchange().getSourceAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
    }

    void signOut(Visit visit) {
        visit.session().ifPresent(s -> sessions.close(s.id()));
        SessionCookie.clear(visit.exchange());
        visit.redirect("/login");
    }
}
