package dev.cadre.platform.console;

import dev.cadre.platform.console.Sessions.Session;
import dev.cadre.platform.users.SignInBusyException;
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

    LoginPages(UserDirectory users, Sessions sessions, Pages pages) {
        this.users = users;
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
        UserDirectory.SignIn answer;
        try {
            answer = username.isEmpty() || password.isEmpty()
                    ? new UserDirectory.SignIn(Optional.empty(), Duration.ZERO)
                    : users.signIn(username, password, clientAddress(visit));
        } catch (SignInBusyException e) {
            visit.exchange().getResponseHeaders().put(Headers.RETRY_AFTER, "5");
            pages.render(visit, 503, "login", "Sign in", Map.of("username", username,
                    "error", "Too many sign-ins are being checked right now. Try again in a few seconds."));
            return;
        }
        if (answer.principal().isPresent()) {
            visit.session().ifPresent(old -> sessions.close(old.id()));
            Session session = sessions.open(answer.principal().get().username());
            SessionCookie.write(visit.exchange(), session.id());
            visit.redirect("/");
            return;
        }
        boolean locked = !answer.retryAfter().isZero();
        String error = locked ? "Too many failed sign-ins. Try again later (in about "
                + Formats.duration(answer.retryAfter()) + ")." : WRONG;
        pages.render(visit, locked ? 429 : 401, "login", "Sign in", Map.of("username", username, "error", error));
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
