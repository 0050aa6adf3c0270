package dev.cadre.platform.config;

import java.net.URI;
import java.util.Optional;

/**
 * How people sign in: local passwords and personal tokens ({@code CADRE_LOCAL_LOGIN}, default on), and
 * single sign-on through an OpenID Connect provider when {@code CADRE_OIDC_ISSUER} is set. The bootstrap
 * admin token always works: it is the way back in when the provider is down.
 *
 * @param localLogin {@code CADRE_LOCAL_LOGIN}: whether local passwords and personal tokens are accepted
 * @param oidc       the provider, if single sign-on is on
 */
public record SignInConfig(boolean localLogin, Optional<Oidc> oidc) {

    /** Local passwords and tokens only. */
    public static final SignInConfig LOCAL = new SignInConfig(true, Optional.empty());

    /**
     * An OpenID Connect provider.
     *
     * @param issuer       {@code CADRE_OIDC_ISSUER}: the issuer URL; discovery is read from
     *                     {@code <issuer>/.well-known/openid-configuration}
     * @param clientId     {@code CADRE_OIDC_CLIENT_ID}: Cadre's client at the provider
     * @param clientSecret {@code CADRE_OIDC_CLIENT_SECRET}: its secret, or empty for a public client (PKCE only)
     * @param rolesClaim   {@code CADRE_OIDC_ROLES_CLAIM}: the claim whose values are mapped to roles (default {@code groups})
     * @param audience     {@code CADRE_OIDC_AUDIENCE}: what access tokens must name in {@code aud} (default the client id)
     */
    public record Oidc(URI issuer, String clientId, Optional<String> clientSecret, String rolesClaim, String audience) {
    }

    /**
     * Checks the combination.
     *
     * @throws ConfigException when local sign-in is off without a provider, or the issuer is not a usable URL
     */
    public SignInConfig {
        if (!localLogin && oidc.isEmpty()) {
            throw new ConfigException("CADRE_LOCAL_LOGIN=off needs CADRE_OIDC_ISSUER: otherwise only the bootstrap admin token could sign in");
        }
        oidc.ifPresent(o -> {
            String scheme = o.issuer().getScheme();
            String host = o.issuer().getHost();
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
            if (host == null || !("https".equals(scheme) || "http".equals(scheme) && loopback)) {
                throw new ConfigException("CADRE_OIDC_ISSUER must be an https URL (http only on localhost), got '" + o.issuer() + "'");
            }
        });
    }
}
