package dev.cadre.platform.console;

import dev.cadre.platform.audit.Actor;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.console.Sessions.Session;
import dev.cadre.platform.sso.Identity;
import dev.cadre.platform.sso.OidcSignIn;
import dev.cadre.platform.sso.SingleSignOn;
import dev.cadre.platform.sso.SsoException;
import dev.cadre.platform.users.Principal;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Console sign-in through the identity provider. {@code /login/sso} starts the authorization code flow
 * (PKCE) and keeps its {@code state} in a short-lived cookie (SameSite=Lax, so the provider's redirect
 * back carries it); {@code /login/sso/callback} checks that the answer belongs to this browser, lets the
 * provider's person in with the roles their groups map to, and opens a console session as for a password
 * sign-in. The last step is a page that moves on to the inbox by itself: the session cookie is
 * SameSite=Strict, which a browser leaves off a navigation that began at the provider.
 */
final class SsoPages {

    static final String START = "/login/sso";
    static final String CALLBACK = "/login/sso/callback";
    static final String STATE_COOKIE = "cadre_sso_state";
    /** The page asked for before signing in ({@link ReturnPath}), kept while the browser is at the provider. */
    static final String NEXT_COOKIE = "cadre_sso_next";

    private final SingleSignOn sso;
    private final Sessions sessions;
    private final LoginPages login;
    private final AuditLog audit;

    SsoPages(SingleSignOn sso, Sessions sessions, LoginPages login, AuditLog audit) {
        this.sso = sso;
        this.sessions = sessions;
        this.login = login;
        this.audit = audit;
    }

    void start(Visit visit) {
        OidcSignIn.Started started;
        try {
            started = sso.flow().start(callback(visit.exchange()));
        } catch (SsoException e) {
            login.render(visit, 502, "", "Single sign-on is not available: " + e.getMessage());
            return;
        }
        visit.exchange().setResponseCookie(stateCookie(visit.exchange(), started.state()).setMaxAge((int) OidcSignIn.PENDING.toSeconds()));
        String next = visit.query("next").flatMap(ReturnPath::of).orElse("");
        visit.exchange().setResponseCookie(cookie(visit.exchange(), NEXT_COOKIE, Links.encode(next))
                .setMaxAge(next.isEmpty() ? 0 : (int) OidcSignIn.PENDING.toSeconds()));
        visit.redirect(started.authorization().toString());
    }

    void callback(Visit visit) {
        HttpServerExchange exchange = visit.exchange();
        Cookie cookie = exchange.getRequestCookie(STATE_COOKIE);
        exchange.setResponseCookie(stateCookie(exchange, "").setMaxAge(0));
        Cookie nextCookie = exchange.getRequestCookie(NEXT_COOKIE);
        exchange.setResponseCookie(cookie(exchange, NEXT_COOKIE, "").setMaxAge(0));
        String next = nextCookie == null ? "/" : ReturnPath.of(java.net.URLDecoder.decode(nextCookie.getValue(), StandardCharsets.UTF_8)).orElse("/");
        String state = visit.query("state").orElse(null);
        Actor unknown = new Actor("unknown", visit.client());
        if (visit.query("error").isPresent()) {
            fail(visit, unknown, 401, "The identity provider did not sign you in: " + visit.query("error").get()
                    + visit.query("error_description").map(d -> " (" + d + ")").orElse(""));
            return;
        }
        if (cookie == null || state == null || !MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            fail(visit, unknown, 400, "This sign-in did not start in this browser, or took too long. Sign in again.");
            return;
        }
        Identity identity;
        try {
            identity = sso.flow().finish(state, visit.query("code").orElse(null));
        } catch (SsoException e) {
            fail(visit, unknown, 401, "Single sign-on failed: " + e.getMessage());
            return;
        }
        Actor person = new Actor(identity.username(), visit.client());
        Principal principal;
        try {
            principal = sso.admit(identity);
        } catch (SsoException e) {
            fail(visit, person, 403, "You cannot use Cadre yet: " + e.getMessage() + ".");
            return;
        }
        visit.session().ifPresent(old -> sessions.close(old.id()));
        Session session = sessions.open(principal.username());
        SessionCookie.write(exchange, session.id());
        audit.record(person, AuditAction.SIGNIN_SUCCESS, "user:" + principal.username(), null,
                Map.of("method", "oidc", "subject", identity.subject(), "roles", principal.roles()));
        Pages.send(exchange, 200, "text/html; charset=utf-8", ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0; url=" + html(next) + "\"><title>Signed in · Cadre</title></head>"
                + "<body><p>Signed in. <a href=\"" + html(next) + "\" id=\"continue\">Continue</a>.</p></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    private void fail(Visit visit, Actor actor, int status, String message) {
        audit.record(actor, AuditAction.SIGNIN_FAILURE, actor.name().equals("unknown") ? null : "user:" + actor.name(), null,
                Map.of("method", "oidc", "reason", message));
        login.render(visit, status, "", message);
    }

    /** @return the callback URL the provider sends the browser back to, on the host and scheme the browser used */
    static URI callback(HttpServerExchange exchange) {
        String scheme = SessionCookie.overTls(exchange) ? "https" : exchange.getRequestScheme();
        return URI.create(scheme + "://" + exchange.getHostAndPort() + CALLBACK);
    }

    private static CookieImpl stateCookie(HttpServerExchange exchange, String value) {
        return cookie(exchange, STATE_COOKIE, value);
    }

    private static CookieImpl cookie(HttpServerExchange exchange, String name, String value) {
        CookieImpl cookie = new CookieImpl(name, value);
        cookie.setPath(START).setHttpOnly(true).setSameSiteMode("Lax").setSecure(SessionCookie.overTls(exchange));
        return cookie;
    }

    /** @return the return path escaped for an HTML attribute */
    private static String html(String path) {
        return path.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
