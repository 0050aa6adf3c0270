package dev.cadre.platform.sso;

import dev.cadre.platform.config.SignInConfig;
import dev.cadre.platform.users.Principal;
import dev.cadre.platform.users.UserDirectory;
import dev.cadre.platform.users.UserException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single sign-on through an OpenID Connect provider, for the API (its access tokens) and the console
 * (the authorization code flow). Roles come from the provider's roles claim through {@link RoleMappings};
 * a person whose values map to no role gets no access.
 */
public final class SingleSignOn {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

    private final OidcProvider provider;
    private final AccessTokens accessTokens;
    private final OidcSignIn signIn;
    private final RoleMappings mappings;
    private final UserDirectory users;

    /**
     * @param config   the provider's settings
     * @param mappings claim values to roles
     * @param users    where console users are kept
     * @param clock    the time source of pending sign-ins
     */
    public SingleSignOn(SignInConfig.Oidc config, RoleMappings mappings, UserDirectory users, Clock clock) {
        this.provider = new OidcProvider(config);
        this.accessTokens = new AccessTokens(provider);
        this.signIn = new OidcSignIn(provider, clock);
        this.mappings = mappings;
        this.users = users;
    }

    /**
     * @param token a bearer token shaped like a JWT
     * @return its person with the roles their claim values map to (none when nothing maps), or empty when
     *         the token does not check out or its name is not theirs to use
     */
    public Optional<Principal> principal(String token) {
        Identity identity;
        try {
            identity = accessTokens.verify(token);
        } catch (SsoException e) {
            log.debug("Bearer token refused: {}", e.getMessage());
            return Optional.empty();
        }
        String refusal = users.providerRefusal(identity.subject(), identity.username());
        if (refusal != null) {
            log.info("Access token of '{}' refused: {}", identity.username(), refusal);
            return Optional.empty();
        }
        return Optional.of(new Principal(identity.username(), identity.displayName(), mappings.rolesFor(identity.claimValues()), false));
    }

    /** @return the console's sign-in flow */
    public OidcSignIn flow() {
        return signIn;
    }

    /**
     * Lets a person the provider vouched for into the console: their roles from the mapping, their user
     * created or updated.
     *
     * @param identity from {@link OidcSignIn#finish}
     * @return their principal
     * @throws SsoException when nothing maps to a role, the name is someone else's, or an admin disabled them
     */
    public Principal admit(Identity identity) {
        List<String> roles = mappings.rolesFor(identity.claimValues());
        if (roles.isEmpty()) {
            throw new SsoException("your account at the identity provider has no group that Cadre maps to a role ("
                    + provider.config().rolesClaim() + ": " + identity.claimValues() + "); ask an administrator");
        }
        try {
            return users.signInFromProvider(identity.subject(), identity.username(), identity.displayName(), roles)
                    .orElseThrow(() -> new SsoException("your Cadre user '" + identity.username() + "' is disabled"));
        } catch (UserException e) {
            throw new SsoException(e.getMessage(), e);
        }
    }

    /** @return the claim roles come from */
    public String rolesClaim() {
        return provider.config().rolesClaim();
    }
}
