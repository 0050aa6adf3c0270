package dev.cadre.platform.sso;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a person out of token claims: the same rules for ID tokens (the console) and access tokens (the API). */
final class Claims {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Claims() {
    }

    /**
     * @param claims     the token's claims
     * @param rolesClaim the claim with the role values; a dotted name reads into objects ({@code realm_access.roles})
     * @return the person
     * @throws SsoException when the token has no subject or no usable name
     */
    static Identity identity(Map<String, Object> claims, String rolesClaim) {
        Object subject = claims.get("sub");
        if (!(subject instanceof String sub) || sub.isBlank()) {
            throw new SsoException("the token has no subject");
        }
        Object preferred = claims.get("preferred_username");
        String username = preferred instanceof String name ? name.strip().toLowerCase(Locale.ROOT) : "";
        if (!USERNAME.matcher(username).matches()) {
            throw new SsoException("the token's preferred_username must be 1-64 lower case letters, digits, '.', '_' or '-' to be a Cadre name");
        }
        Object name = claims.get("name");
        String displayName = name instanceof String shown && !shown.isBlank() && shown.length() <= 200
                && shown.chars().noneMatch(Character::isISOControl) ? shown.strip() : username;
        return new Identity(sub, username, displayName, values(claims, rolesClaim));
    }

    private static List<String> values(Map<String, Object> claims, String rolesClaim) {
        Object value = claims;
        for (String part : rolesClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof String single) {
            values.add(single);
        } else if (value instanceof Collection<?> many) {
            many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
        }
        return values;
    }
}
