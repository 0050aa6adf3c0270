package dev.cadre.platform.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in through the identity provider: the authorization code flow with PKCE (S256),
 * a random {@code state} that binds the answer to the browser that asked, and a {@code nonce} the ID
 * token must carry. The code is exchanged at the token endpoint (as a confidential client when
 * {@code CADRE_OIDC_CLIENT_SECRET} is set, else as a public one) and the ID token is checked: signature
 * against the JWKS, issuer, audience = the client id, expiry, nonce.
 */
public final class OidcSignIn {

    /** How long a started sign-in may take at the provider. */
    public static final Duration PENDING = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 10_000;

    private final OidcProvider provider;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param provider the identity provider
     * @param clock    the time source of the pending sign-ins
     */
    public OidcSignIn(OidcProvider provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    private record Pending(Nonce nonce, CodeVerifier verifier, URI redirect, Instant started) {
    }

    /**
     * A sign-in on its way to the provider.
     *
     * @param state         binds the answer to this browser (kept in a cookie)
     * @param authorization where to send the browser
     */
    public record Started(String state, URI authorization) {
    }

    /**
     * @param redirect the host's callback, as registered at the provider
     * @return where to send the browser, and the state to remember
     * @throws SsoException when the provider cannot be read, or too many sign-ins are pending
     */
    public Started start(URI redirect) {
        Instant now = clock.instant();
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(p -> expired(p, now));
            if (pending.size() >= MAX_PENDING) {
                throw new SsoException("too many sign-ins are under way; try again in a few minutes");
            }
        }
        OIDCProviderMetadata metadata = provider.metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile"), new ClientID(provider.config().clientId()), redirect)
                .endpointURI(metadata.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        pending.put(state.getValue(), new Pending(nonce, verifier, redirect, now));
        return new Started(state.getValue(), request.toURI());
    }

    /**
     * Finishes a sign-in the provider sent back.
     *
     * @param state the {@code state} of the answer (already compared with the browser's cookie)
     * @param code  the authorization code
     * @return the person the ID token names
     * @throws SsoException when the sign-in is unknown or expired, or the provider's answer does not check out
     */
    public Identity finish(String state, String code) {
        Pending started = state == null ? null : pending.remove(state);
        if (started == null || expired(started, clock.instant())) {
            throw new SsoException("this sign-in expired or did not start here; sign in again");
        }
        if (code == null || code.isBlank()) {
            throw new SsoException("the identity provider sent no authorization code");
        }
        OIDCProviderMetadata metadata = provider.metadata();
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), started.redirect(), started.verifier());
        ClientID client = new ClientID(provider.config().clientId());
        TokenRequest request = provider.config().clientSecret()
                .map(secret -> new TokenRequest(metadata.getTokenEndpointURI(), new ClientSecretBasic(client, new Secret(secret)), grant))
                .orElseGet(() -> new TokenRequest(metadata.getTokenEndpointURI(), client, grant));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout((int) OidcProvider.TIMEOUT.toMillis());
        http.setReadTimeout((int) OidcProvider.TIMEOUT.toMillis());
        try {
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                var error = response.toErrorResponse().getErrorObject();
                throw new SsoException("the identity provider refused the code: " + error.getCode()
                        + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
            }
            OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), client,
                    new JWSVerificationKeySelector<>(OidcProvider.ALGORITHMS, provider.keys()), null);
            IDTokenClaimsSet claims = validator.validate(tokens.getOIDCTokens().getIDToken(), started.nonce());
            return Claims.identity(claims.toJSONObject(), provider.config().rolesClaim());
        } catch (IOException e) {
            throw new SsoException("the identity provider's token endpoint cannot be reached: " + e.getMessage(), e);
        } catch (ParseException | BadJOSEException | JOSEException | ClassCastException e) {
            throw new SsoException("the identity provider's answer did not check out: " + e.getMessage(), e);
        }
    }

    private static boolean expired(Pending pending, Instant now) {
        return now.isAfter(pending.started().plus(PENDING));
    }
}
