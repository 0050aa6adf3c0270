package dev.cadre.platform.sso;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider inside the test, on loopback (JDK HttpServer): discovery, JWKS, an
 * authorization endpoint with a one-field sign-in form (the person types their name), and a token
 * endpoint that checks the client's secret, the redirect URI and the PKCE verifier before it answers an
 * ID token and an access token signed with nimbus-jose-jwt. It also mints access tokens directly, good
 * and bad, for API tests. Never the internet.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String CLIENT_ID = "cadre-console";
    public static final String CLIENT_SECRET = "test-client-secret-of-enough-length";

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey strangerKey;
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** Someone the provider knows. */
    public record Person(String subject, String username, String name, List<String> groups) {
    }

    private record Grant(Person person, String clientId, String redirect, String challenge, String nonce) {
    }

    public TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
            strangerKey = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException("test issuer did not start", e);
        }
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", exchange -> send(exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    /** @return the issuer URL, {@code http://127.0.0.1:<port>} */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @param person someone who can sign in here */
    public void add(Person person) {
        people.put(person.username(), person);
    }

    /** @return an access token for the person, valid for an hour, with this audience */
    public String accessToken(Person person, String audience) {
        return sign(key, claims(person, issuer(), audience, Instant.now().plus(Duration.ofHours(1))).build(), "at+jwt");
    }

    /** @return an access token as {@link #accessToken} but with the given issuer, audience, expiry, or a key the JWKS does not hold */
    public String accessToken(Person person, String issuer, String audience, Instant expires, boolean strangersKey) {
        return sign(strangersKey ? strangerKey : key, claims(person, issuer, audience, expires).build(), "at+jwt");
    }

    private static JWTClaimsSet.Builder claims(Person person, String issuer, String audience, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(person.subject()).audience(audience)
                .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(expires))
                .claim("preferred_username", person.username()).claim("name", person.name()).claim("groups", person.groups())
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims, String type) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(new JOSEObjectType(type)).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String issuer = issuer();
        send(exchange, 200, "application/json", "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"],\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"],"
                + "\"scopes_supported\":[\"openid\",\"profile\"]}");
    }

    /** GET: the sign-in form, carrying the request's parameters; POST: the person typed their name, back to the client with a code. */
    private void authorize(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            StringBuilder hidden = new StringBuilder();
            for (String name : List.of("client_id", "redirect_uri", "state", "nonce", "code_challenge", "code_challenge_method", "response_type", "scope")) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(query.getOrDefault(name, ""))).append("\">");
            }
            send(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Test issuer</title></head><body>"
                    + "<form method=\"post\" action=\"/authorize\">" + hidden + "<label for=\"who\">Who are you?</label>"
                    + "<input id=\"who\" name=\"who\"><button id=\"issuer-sign-in\" type=\"submit\">Sign in</button></form></body></html>");
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Person person = people.get(form.getOrDefault("who", ""));
        if (person == null || !"S256".equals(form.get("code_challenge_method")) || !"code".equals(form.get("response_type"))) {
            send(exchange, 400, "text/plain", "unknown person, or not a PKCE S256 code request");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, form.get("client_id"), form.get("redirect_uri"), form.get("code_challenge"), form.get("nonce")));
        exchange.getResponseHeaders().add("Location", form.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(form.get("state")));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((enc(CLIENT_ID) + ":" + enc(CLIENT_SECRET)).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(basic)) {
            send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        if (grant == null || !"authorization_code".equals(form.get("grant_type")) || !grant.redirect().equals(form.get("redirect_uri"))
                || !CLIENT_ID.equals(grant.clientId()) || !grant.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"code, redirect or PKCE verifier wrong\"}");
            return;
        }
        JWTClaimsSet id = claims(grant.person(), issuer(), CLIENT_ID, Instant.now().plus(Duration.ofMinutes(5))).claim("nonce", grant.nonce()).build();
        send(exchange, 200, "application/json", "{\"access_token\":\"" + accessToken(grant.person(), CLIENT_ID) + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600,\"id_token\":\"" + sign(key, id, "JWT") + "\"}");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static String html(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the issuer's URI, for building requests */
    public URI uri(String path) {
        return URI.create(issuer() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
