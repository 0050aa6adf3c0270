package dev.cadre.platform.audit;

import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.plugins.PluginInfo;
import dev.cadre.platform.templates.StoredTemplate;
import dev.cadre.platform.users.User;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the audit log keeps of each kind of thing, before and after a change: enough to tell what changed, never a secret. */
public final class AuditStates {

    private AuditStates() {
    }

    /** @param info a plugin, or {@code null} @return its id, version, SHA-256 and state, or {@code null} */
    public static Map<String, Object> plugin(PluginInfo info) {
        if (info == null) {
            return null;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", info.id());
        state.put("version", info.version());
        state.put("sha256", info.sha256());
        state.put("state", info.status().name());
        return state;
    }

    /**
     * @param stored a template version as stored
     * @param force  whether validation warnings were overridden
     * @return its code, version, status and the force flag
     */
    public static Map<String, Object> template(StoredTemplate stored, boolean force) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("code", stored.template().code());
        state.put("version", stored.template().version());
        state.put("status", stored.status().name());
        state.put("force", force);
        return state;
    }

    /**
     * @param request what was asked for
     * @param started what started
     * @return template, version, business key and run id of a started run (not its parameters, which may be large)
     */
    public static Map<String, Object> run(WorkflowRequest request, Workflows.Started started) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("template", request.template());
        state.put("version", started.version());
        state.put("businessKey", request.businessKey());
        state.put("runId", started.runId());
        return state;
    }

    /** @param user a user, or {@code null} @return their roles, display name, e-mail, disabled flag and whether they have a password */
    public static Map<String, Object> user(User user) {
        if (user == null) {
            return null;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("username", user.username());
        state.put("displayName", user.displayName());
        state.put("roles", user.roles());
        state.put("disabled", user.disabled());
        state.put("hasPassword", user.hasPassword());
        state.put("email", user.email());
        return state;
    }
}
