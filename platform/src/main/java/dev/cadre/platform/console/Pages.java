package dev.cadre.platform.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import dev.cadre.platform.users.Principal;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders console pages from the mustache templates under {@code console/} on the class path (compiled
 * once, cached by the factory). Mustache escapes every {@code {{value}}} for HTML, so data from runs,
 * plugins and people is shown, never interpreted.
 */
final class Pages {

    /**
     * What every console answer carries: no inline scripts (only the host's own static files, e.g. the inbox's
     * refresh), styles and frames from the host only, forms post to the host only, nothing frames the console,
     * nothing is cached or sniffed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
            + "frame-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final MustacheFactory factory = new DefaultMustacheFactory("console");

    /**
     * @param visit  the request
     * @param status the HTTP status
     * @param page   the template's name, without {@code .mustache}
     * @param title  the page's title
     * @param model  what the page shows
     */
    void render(Visit visit, int status, String page, String title, Map<String, Object> model) {
        Map<String, Object> scope = new LinkedHashMap<>(model);
        scope.put("title", title);
        Principal me = visit.signedIn().orElse(null);
        scope.put("signedIn", me != null);
        scope.put("me", me == null ? Map.of() : Map.of("username", me.username(), "displayName", me.displayName(),
                "roles", String.join(", ", me.roles())));
        scope.put("isOperator", me != null && me.isOperator());
        scope.put("isAdmin", me != null && me.isAdmin());
        scope.put("mayReadAudit", me != null && me.mayReadAudit());
        scope.put("csrf", visit.session().map(Sessions.Session::csrf).orElse(""));
        StringWriter html = new StringWriter();
        factory.compile(page + ".mustache").execute(html, scope);
        send(visit.exchange(), status, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a body with the console's headers. */
    static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** Puts the headers every console answer carries. */
    static void secure(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseHeaders().put(Headers.REFERRER_POLICY, "no-referrer");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    }
}
