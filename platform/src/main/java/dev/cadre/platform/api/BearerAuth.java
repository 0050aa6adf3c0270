package dev.cadre.platform.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Lets a request through only with {@code Authorization: Bearer <admin token>}; else 401 with the JSON error body. */
final class BearerAuth implements HttpHandler {

    private static final String SCHEME = "bearer ";

    private final AdminToken token;
    private final HttpHandler next;

    BearerAuth(AdminToken token, HttpHandler next) {
        this.token = token;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        String presented = header != null && header.length() > SCHEME.length()
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) ? header.substring(SCHEME.length()).trim() : null;
        if (!token.matches(presented)) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"cadre\"");
            throw new ApiException(401, "unauthorized", header == null
                    ? "send the admin token as 'Authorization: Bearer <token>'" : "the bearer token is not valid", null);
        }
        next.handleRequest(exchange);
    }
}
