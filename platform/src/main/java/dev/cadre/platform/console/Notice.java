package dev.cadre.platform.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-line notice a page shows after a form post redirected to it ("Completed REVIEW", "Installed ...").
 * The text travels in the URL, so it is signed with the session's CSRF secret: a link someone else made
 * (any text in {@code ?done=}) shows nothing, while the console's own redirects show their notice.
 */
final class Notice {

    static final String SIGNATURE = "sig";

    private Notice() {
    }

    /**
     * @param visit the post that redirects
     * @param name  the query parameter that carries the text
     * @param text  the notice
     * @return {@code name=text&sig=...}, encoded, to append to the redirect's path after {@code ?}
     */
    static String query(Visit visit, String name, String text) {
        return name + "=" + Links.encode(text) + "&" + SIGNATURE + "=" + sign(visit, name, text);
    }

    /** @return the parameter's text when the console itself signed it for this session, else empty */
    static Optional<String> read(Visit visit, String name) {
        Optional<String> text = visit.query(name);
        Optional<String> signature = visit.query(SIGNATURE);
        if (text.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        boolean genuine = MessageDigest.isEqual(sign(visit, name, text.get()).getBytes(StandardCharsets.US_ASCII),
                signature.get().getBytes(StandardCharsets.US_ASCII));
        return genuine ? text : Optional.empty();
    }

    private static String sign(Visit visit, String name, String text) {
        String secret = visit.session().map(Sessions.Session::csrf).orElse("");
        if (secret.isEmpty()) {
            return "-"; // no session, no notice: nothing signed can match
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((name + "\n" + text.trim()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
