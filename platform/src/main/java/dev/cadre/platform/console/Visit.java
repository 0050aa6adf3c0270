package dev.cadre.platform.console;

import dev.cadre.platform.console.Sessions.Session;
import dev.cadre.platform.users.Principal;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.StatusCodes;
import java.util.Deque;
import java.util.Optional;

/** One console request as pages see it: who is signed in, path and query parameters, the posted form. */
final class Visit {

    private final HttpServerExchange exchange;
    private final Session session;
    private final Principal principal;
    private Form form;

    /**
     * @param exchange  the request
     * @param session   its session, or {@code null} before sign-in
     * @param principal the signed-in user, or {@code null}
     */
    Visit(HttpServerExchange exchange, Session session, Principal principal) {
        this.exchange = exchange;
        this.session = session;
        this.principal = principal;
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    /** @return the signed-in user (pages behind a sign-in always have one) */
    Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("console page " + exchange.getRequestPath() + " has no signed-in user");
        }
        return principal;
    }

    /** @return the signed-in user, or empty on open pages */
    Optional<Principal> signedIn() {
        return Optional.ofNullable(principal);
    }

    /** @return who is signed in and from which address, for the audit log */
    dev.cadre.platform.audit.Actor actor() {
        return new dev.cadre.platform.audit.Actor(principal().username(), client());
    }

    /** @return the client's address as the host saw it */
    String client() {
        java.net.InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? null : source.getAddress().getHostAddress();
    }

    /** @return the session, or empty before sign-in */
    Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    /** @return a path parameter; the trailing {@code *} of a route stands for its last name */
    String path(String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().getOrDefault(name, match.getParameters().get("*"));
        if (value == null) {
            throw new IllegalStateException("console route " + exchange.getRequestPath() + " has no path parameter " + name);
        }
        if (value.isEmpty()) {
            throw ConsoleException.notFound("There is no page " + exchange.getRequestPath() + " here.");
        }
        return value;
    }

    /** @return a query parameter, trimmed, or empty when absent or blank */
    Optional<String> query(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        String value = values == null ? null : values.peekFirst();
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** @return the posted form, read once */
    Form form() {
        if (form == null) {
            form = Form.read(exchange);
        }
        return form;
    }

    /** Answers 303 See Other: after a form post, the browser shows the result with a GET. */
    void redirect(String location) {
        exchange.setStatusCode(StatusCodes.SEE_OTHER);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.endExchange();
    }
}
