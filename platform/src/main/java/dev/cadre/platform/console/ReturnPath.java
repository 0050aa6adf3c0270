package dev.cadre.platform.console;

import java.util.Optional;

/**
 * Where the console sends someone back to (after signing in, after a claim): only a path of this console.
 * Anything that could leave it is refused: another scheme or host ({@code https://}, {@code //host},
 * {@code /\host}), control characters, or a path to the sign-in pages themselves.
 */
final class ReturnPath {

    static final int MAX_LENGTH = 2_000;

    private ReturnPath() {
    }

    /** @return the path when it is a safe local one, else empty */
    static Optional<String> of(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH || raw.charAt(0) != '/') {
            return Optional.empty();
        }
        if (raw.length() > 1 && (raw.charAt(1) == '/' || raw.charAt(1) == '\\')) {
            return Optional.empty(); // protocol-relative: another host
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return Optional.empty(); // browsers drop tabs and newlines and read '\' as '/': "/\t/evil" is "//evil"
            }
        }
        if (raw.startsWith("/login") || raw.startsWith("/logout") || raw.startsWith("/sso/")) {
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    /** @return the path and query the request asked for, as a return path */
    static String requested(Visit visit) {
        String query = visit.exchange().getQueryString();
        return visit.exchange().getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
