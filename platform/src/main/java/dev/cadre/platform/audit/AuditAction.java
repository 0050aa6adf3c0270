package dev.cadre.platform.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the audit log records, one code per kind of change to the platform. The codes are what
 * {@code GET /api/audit?type=} filters on and what exports carry; a code never changes meaning.
 */
public enum AuditAction {
    /** A plugin JAR installed whose id was not installed before. */
    PLUGIN_INSTALL("plugin.install"),
    /** A plugin JAR installed over another version of the same id. */
    PLUGIN_UPGRADE("plugin.upgrade"),
    /** A plugin loaded again from its file. */
    PLUGIN_RELOAD("plugin.reload"),
    /** A plugin stopped (disabled): its handlers are gone until it starts again. */
    PLUGIN_DISABLE("plugin.disable"),
    /** A stopped plugin started again. */
    PLUGIN_ENABLE("plugin.enable"),
    /** A plugin removed. */
    PLUGIN_REMOVE("plugin.remove"),
    /** A template document imported as a new version. */
    TEMPLATE_IMPORT("template.import"),
    /** A template version published for new runs. */
    TEMPLATE_PUBLISH("template.publish"),
    /** A user created. */
    USER_CREATE("user.create"),
    /** A user's roles, display name, password, e-mail or disabled flag changed. */
    USER_UPDATE("user.update"),
    /** The single sign-on role mappings replaced. */
    ROLE_MAPPINGS_UPDATE("oidc.role-mappings.update"),
    /** A personal token issued (override when an admin mints one for someone else). */
    TOKEN_ISSUE("token.issue"),
    /** A personal token revoked. */
    TOKEN_REVOKE("token.revoke"),
    /** A console sign-in that succeeded (password or single sign-on). */
    SIGNIN_SUCCESS("signin.success"),
    /** A console sign-in that failed (wrong password, locked name, single sign-on refused). */
    SIGNIN_FAILURE("signin.failure"),
    /** A run started. */
    RUN_START("run.start"),
    /** A run's cancellation requested. */
    RUN_CANCEL("run.cancel"),
    /** A failed, cancelled or lost run continued from its records. */
    RUN_RESUME("run.resume"),
    /** A failed step run again: its run continued from its records. */
    RUN_RETRY("run.retry"),
    /** A running run moved to another template version. */
    RUN_MIGRATE("run.migrate"),
    /** An artifact's content replaced by an admin. */
    ARTIFACT_REPLACE("artifact.replace"),
    /** A task's claim ended by someone other than its holder (an admin). */
    TASK_UNCLAIM("task.unclaim"),
    /** A task completed by someone who is not its assignee and holds none of its roles: an admin's override. */
    TASK_OVERRIDE("task.complete");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /** @return the stable code, e.g. {@code plugin.install} */
    public String code() {
        return code;
    }

    /** @param code a code as stored @return its action, if it is one */
    public static Optional<AuditAction> of(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
