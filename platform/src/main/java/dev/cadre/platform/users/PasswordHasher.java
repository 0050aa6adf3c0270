package dev.cadre.platform.users;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Hashes and checks passwords with bcrypt (Bouncy Castle's OpenBSD implementation), cost 12. */
public final class PasswordHasher {

    /** Fewer characters than this is refused. */
    public static final int MIN_LENGTH = 10;
    // bcrypt reads at most 72 bytes; longer passwords would be silently truncated
    private static final int MAX_BYTES = 72;
    private static final int COST = 12;

    private final SecureRandom random = new SecureRandom();
    private final String dummy;

    /** Creates the hasher (and one hash to compare against when a user does not exist, so timing says nothing). */
    public PasswordHasher() {
        this.dummy = hash("not-a-real-password-at-all".toCharArray());
    }

    /**
     * @param password the password
     * @return why it is not acceptable, or {@code null}
     */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a password may have at most " + MAX_BYTES + " bytes";
        }
        return null;
    }

    /** @param password the password @return its bcrypt hash ({@code $2y$12$...}) */
    public String hash(char[] password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate(password, salt, COST);
    }

    /**
     * @param hash     a stored hash, or {@code null} when the user has none (a check still costs the same)
     * @param password the password presented
     * @return whether they match
     */
    public boolean matches(String hash, char[] password) {
        if (hash == null) {
            OpenBSDBCrypt.checkPassword(dummy, password);
            return false;
        }
        return OpenBSDBCrypt.checkPassword(hash, password);
    }
}
