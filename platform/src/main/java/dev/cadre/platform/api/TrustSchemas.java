package dev.cadre.platform.api;

import static dev.cadre.platform.api.Schema.anyObject;
import static dev.cadre.platform.api.Schema.arrayOf;
import static dev.cadre.platform.api.Schema.bool;
import static dev.cadre.platform.api.Schema.dateTime;
import static dev.cadre.platform.api.Schema.integer;
import static dev.cadre.platform.api.Schema.object;
import static dev.cadre.platform.api.Schema.string;

/** The schemas of the audit log and single sign-on routes (kept apart from {@link ApiSchemas} so each feature owns its own). */
final class TrustSchemas {

    private TrustSchemas() {
    }

    static final Schema AUDIT_EVENT = object("AuditEvent", "One recorded change to the platform")
            .required("id", integer()).required("at", dateTime()).required("actor", string()).required("action", string("e.g. plugin.install"))
            .required("target", string().nullable()).required("before", anyObject("the state before").nullable())
            .required("after", anyObject("the state after").nullable()).required("client", string("the client's address").nullable())
            .required("override", bool()).build();

    static final Schema AUDIT_PAGE = object("AuditEvents", "A page of the audit log, newest first")
            .required("events", arrayOf(AUDIT_EVENT))
            .required("nextCursor", string("pass as ?cursor= for the next (older) page; null on the last page").nullable()).build();

    static final Schema ROLE_MAPPING = object("RoleMapping", "The Cadre roles one value of the provider's roles claim grants")
            .required("claimValue", string("a value of CADRE_OIDC_ROLES_CLAIM, e.g. a group name"))
            .required("roles", arrayOf(string())).build();

    static final Schema ROLE_MAPPINGS = object("RoleMappings", "Every single sign-on role mapping")
            .required("claim", string("the claim the values come from")).required("mappings", arrayOf(ROLE_MAPPING)).build();

    static final Schema PUT_ROLE_MAPPINGS = object("RoleMappingsUpdate", "Replaces every single sign-on role mapping")
            .required("mappings", arrayOf(ROLE_MAPPING)).build();
}
