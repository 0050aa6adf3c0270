package dev.cadre.platform.sso;

import java.util.List;

/**
 * A person as the identity provider vouches for them, from a checked ID token or access token.
 *
 * @param subject     the provider's stable id ({@code sub})
 * @param username    the Cadre name: {@code preferred_username}, lower-cased
 * @param displayName {@code name}, or the username
 * @param claimValues the values of the roles claim ({@code CADRE_OIDC_ROLES_CLAIM})
 */
public record Identity(String subject, String username, String displayName, List<String> claimValues) {

    /** Copies the claim values. */
    public Identity {
        claimValues = List.copyOf(claimValues);
    }
}
