package dev.cadre.platform.api;

import dev.cadre.platform.sso.AccessTokens;
import dev.cadre.platform.sso.SingleSignOn;
import dev.cadre.platform.users.Principal;
import dev.cadre.platform.users.UserDirectory;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.Map;
import java.util.Optional;

/**
 * Finds who a request comes from: the bootstrap admin token (the built-in {@code admin}), a user's
 * personal token (unless local sign-in is off), or an access token of the identity provider (with
 * single sign-on), sent as {@code Authorization: Bearer <token>}. Unknown callers get 401; a caller
 * without the route's role gets 403 naming it.
 */
final class Authentication {

    /** Where the caller is attached to the exchange for the endpoint. */
    static final AttachmentKey<Principal> PRINCIPAL = AttachmentKey.create(Principal.class);

    private static final String SCHEME = "bearer ";

    private final AdminToken adminToken;
    private final UserDirectory users;
    private final boolean personalTokens;
    private final Optional<SingleSignOn> singleSignOn;

    /**
     * @param adminToken     the bootstrap admin token (always accepted)
     * @param users          where personal tokens are checked
     * @param personalTokens whether personal tokens are accepted ({@code CADRE_LOCAL_LOGIN})
     * @param singleSignOn   the identity provider whose access tokens are accepted, if any
     */
    Authentication(AdminToken adminToken, UserDirectory users, boolean personalTokens, Optional<SingleSignOn> singleSignOn) {
        this.adminToken = adminToken;
        this.users = users;
        this.personalTokens = personalTokens;
        this.singleSignOn = singleSignOn;
    }

    /** @return {@code next} behind the check for {@code access} */
    HttpHandler guard(Access access, HttpHandler next) {
        if (access == Access.OPEN) {
            return next;
        }
        return exchange -> {
            Principal principal = principal(exchange).orElseThrow(() -> unauthorized(exchange));
            if (!access.allows(principal)) {
                throw principal.roles().isEmpty() ? new ApiException(403, "forbidden", "you hold no Cadre role: none of your groups at the identity "
                        + "provider is mapped to one (ask an admin: GET/PUT /api/oidc/role-mappings)", Map.of("missingRole", access.role()))
                        : forbidden(access.role());
            }
            exchange.putAttachment(PRINCIPAL, principal);
            next.handleRequest(exchange);
        };
    }

    /** @return the caller, if the request carries a token that is valid now */
    Optional<Principal> principal(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        String presented = header != null && header.length() > SCHEME.length()
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) ? header.substring(SCHEME.length()).trim() : null;
        if (presented == null) {
            return Optional.empty();
        }
        if (adminToken.matches(presented)) {
            return Optional.of(Principal.BOOTSTRAP_ADMIN);
        }
        if (singleSignOn.isPresent() && AccessTokens.looksLikeJwt(presented)) {
            return singleSignOn.get().principal(presented);
        }
        return personalTokens ? users.byToken(presented) : Optional.empty();
    }

    private static ApiException unauthorized(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"cadre\"");
        boolean sent = exchange.getRequestHeaders().contains(Headers.AUTHORIZATION);
        return new ApiException(401, "unauthorized", sent ? "the bearer token is not valid (unknown, revoked, or its user is disabled)"
                : "send a token as 'Authorization: Bearer <token>'", null);
    }

    /** @param role the role that is missing @return the 403 that names it */
    static ApiException forbidden(String role) {
        return new ApiException(403, "forbidden", "this needs the role '" + role + "'", Map.of("missingRole", role));
    }
}
