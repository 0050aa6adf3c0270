package dev.cadre.platform.users;

import java.util.regex.Pattern;

/** The roles Cadre itself knows; any other role is a task role, matched against a manual step's {@code assigneeRole}. */
public final class Roles {

    /** Everything. */
    public static final String ADMIN = "admin";
    /** Start, cancel, resume and migrate workflows; read everything. */
    public static final String OPERATOR = "operator";
    /** Read {@code /metrics}, and nothing else. */
    public static final String METRICS = "metrics";
    /** Read the audit log and every run; change nothing. */
    public static final String AUDITOR = "auditor";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Roles() {
    }

    /** @param role a role name @return whether it is well formed: lower case letters, digits, '.', '_' or '-', at most 64 */
    public static boolean isValid(String role) {
        return role != null && NAME.matcher(role).matches();
    }
}
