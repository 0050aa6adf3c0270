package dev.cadre.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.config.SignInConfig;
import dev.cadre.platform.sso.RoleMappings;
import dev.cadre.platform.sso.RoleMappings.Mapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET/PUT /api/oidc/role-mappings} (admin): which Cadre roles each value of the identity
 * provider's roles claim grants. A PUT replaces the whole list, in one transaction, and is audited.
 */
final class RoleMappingResource {

    /** The body of {@code PUT /api/oidc/role-mappings}; its items are checked one by one, with their index. */
    record ReplaceBody(JsonNode mappings) {
    }

    private final RoleMappings mappings;
    private final String claim;
    private final AuditLog audit;
    private final ObjectMapper mapper;

    RoleMappingResource(RoleMappings mappings, SignInConfig signIn, AuditLog audit, ObjectMapper mapper) {
        this.mappings = mappings;
        this.claim = signIn.oidc().map(SignInConfig.Oidc::rolesClaim).orElse("groups");
        this.audit = audit;
        this.mapper = mapper;
    }

    void list(Call call) {
        call.respond(200, body(mappings.list()));
    }

    void replace(Call call) {
        JsonNode list = new Bodies(mapper).read(call.json(), ReplaceBody.class).mappings();
        if (list == null || !list.isArray()) {
            throw ApiException.badRequest("invalid_field", "field 'mappings' is required: an array of {claimValue, roles}");
        }
        List<Mapping> replacement = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            JsonNode value = item.get("claimValue");
            JsonNode roles = item.get("roles");
            if (!item.isObject() || value == null || !value.isTextual() || roles == null || !roles.isArray()) {
                throw ApiException.badRequest("invalid_field", "mappings[" + i + "] must be {\"claimValue\": string, \"roles\": [string]}");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode role : roles) {
                if (!role.isTextual()) {
                    throw ApiException.badRequest("invalid_field", "mappings[" + i + "].roles must hold strings");
                }
                names.add(role.textValue());
            }
            replacement.add(new Mapping(value.textValue(), names));
        }
        List<Mapping> before = mappings.list();
        try {
            mappings.replace(replacement);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_field", e.getMessage());
        }
        audit.record(call.actor(), AuditAction.ROLE_MAPPINGS_UPDATE, "oidc:role-mappings", body(before), body(replacement));
        call.respond(200, body(mappings.list()));
    }

    private Map<String, Object> body(List<Mapping> list) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("claim", claim);
        body.put("mappings", list);
        return body;
    }
}
