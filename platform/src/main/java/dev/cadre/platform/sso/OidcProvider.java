package dev.cadre.platform.sso;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cadre.platform.config.SignInConfig;
import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider as the host knows it: its discovery document (read on first use and kept, so
 * a provider that is down at start-up does not stop the host) and its signing keys (JWKS, cached and
 * refreshed by nimbus when a token names a key it has not seen). Every call to it has a deadline.
 */
public final class OidcProvider {

    /** How long a connection to the provider and a read from it may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The algorithms tokens may be signed with: asymmetric only (a shared secret would let clients forge tokens). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;
    private static final Logger log = LoggerFactory.getLogger(OidcProvider.class);

    private final SignInConfig.Oidc config;
    private volatile Resolved resolved;

    /** @param config the provider's settings */
    public OidcProvider(SignInConfig.Oidc config) {
        this.config = config;
    }

    private record Resolved(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys) {
    }

    /** @return the settings */
    public SignInConfig.Oidc config() {
        return config;
    }

    /**
     * @return the discovery document
     * @throws SsoException when the provider cannot be reached or answers something else
     */
    public OIDCProviderMetadata metadata() {
        return resolve().metadata();
    }

    /** @return the provider's signing keys */
    public JWKSource<SecurityContext> keys() {
        return resolve().keys();
    }

    private Resolved resolve() {
        Resolved current = resolved;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (resolved == null) {
                int timeout = (int) TIMEOUT.toMillis();
                try {
                    OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(config.issuer().toString()), timeout, timeout);
                    if (metadata.getJWKSetURI() == null) {
                        throw new SsoException("the identity provider's discovery document names no jwks_uri");
                    }
                    JWKSource<SecurityContext> keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(timeout, timeout, MAX_DOCUMENT_BYTES)).build();
                    resolved = new Resolved(metadata, keys);
                    log.info("Single sign-on: identity provider {} (authorization {}, token {})", metadata.getIssuer(),
                            metadata.getAuthorizationEndpointURI(), metadata.getTokenEndpointURI());
                } catch (GeneralException | IOException e) {
                    throw new SsoException("the identity provider at " + config.issuer() + " cannot be read: " + e.getMessage(), e);
                }
            }
            return resolved;
        }
    }

    static java.net.URL url(java.net.URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new SsoException("not a URL: " + uri, e);
        }
    }
}
