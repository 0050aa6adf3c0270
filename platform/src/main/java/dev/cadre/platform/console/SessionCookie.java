package dev.cadre.platform.console;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;

/**
 * The session cookie: HttpOnly, SameSite=Strict, path {@code /}, and Secure when the request came over
 * TLS: to the host itself ({@code https} scheme) or, behind a TLS-terminating proxy, with
 * {@code X-Forwarded-Proto: https} (the header only ever adds {@code Secure}, it never removes it).
 */
final class SessionCookie {

    static final String NAME = "cadre_session";

    private SessionCookie() {
    }

    /** @return the session id the browser sent, or {@code null} */
    static String read(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    static void write(HttpServerExchange exchange, String sessionId) {
        exchange.setResponseCookie(cookie(exchange, sessionId));
    }

    static void clear(HttpServerExchange exchange) {
        exchange.setResponseCookie(cookie(exchange, "").setMaxAge(0));
    }

    private static Cookie cookie(HttpServerExchange exchange, String value) {
        return new CookieImpl(NAME, value).setPath("/").setHttpOnly(true).setSameSiteMode("Strict")
                .setSecure(overTls(exchange));
    }

    static boolean overTls(HttpServerExchange exchange) {
        return "https".equalsIgnoreCase(exchange.getRequestScheme())
                || "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
    }
}
