package dev.cadre.platform.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.Set;

/**
 * Checks the provider's access tokens presented to the API as {@code Authorization: Bearer <JWT>}: the
 * signature against the provider's JWKS (asymmetric algorithms only), the issuer, the audience
 * ({@code CADRE_OIDC_AUDIENCE}, default the client id), expiry and not-before (with nimbus' one-minute
 * clock skew), and a subject. Tokens typed {@code JWT} and {@code at+jwt} (RFC 9068) are accepted.
 */
public final class AccessTokens {

    private final OidcProvider provider;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /** @param provider the identity provider */
    public AccessTokens(OidcProvider provider) {
        this.provider = provider;
    }

    /**
     * @param token a bearer token
     * @return whether it is shaped like a JWT (three dot-separated parts), so worth checking here
     */
    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /**
     * @param token a bearer token
     * @return the person it was issued to
     * @throws SsoException when it does not check out (the message says why, for the log; callers answer a plain 401)
     */
    public Identity verify(String token) {
        try {
            JWTClaimsSet claims = processor().process(token, null);
            return Claims.identity(claims.toJSONObject(), provider.config().rolesClaim());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new SsoException("the access token is not valid: " + e.getMessage(), e);
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            current = new DefaultJWTProcessor<>();
            current.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
            current.setJWSKeySelector(new JWSVerificationKeySelector<>(OidcProvider.ALGORITHMS, provider.keys()));
            current.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(provider.config().audience(),
                    new JWTClaimsSet.Builder().issuer(provider.metadata().getIssuer().getValue()).build(), Set.of("sub", "exp")));
            processor = current;
        }
        return current;
    }
}
