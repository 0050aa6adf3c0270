package dev.cadre.platform.api;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditStates;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.users.Principal;
import dev.cadre.platform.users.User;
import dev.cadre.platform.users.UserDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/users} and {@code /api/me}: people, their roles and personal tokens. */
final class UserResource {

    private static final Set<String> CREATE_FIELDS = ApiSchemas.CREATE_USER.properties();
    private static final Set<String> PATCH_FIELDS = ApiSchemas.PATCH_USER.properties();

    private final UserDirectory users;
    private final ObjectMapper mapper;
    private final AuditLog audit;

    UserResource(UserDirectory users, ObjectMapper mapper, AuditLog audit) {
        this.users = users;
        this.audit = audit;
        this.mapper = mapper;
    }

    void create(Call call) {
        JsonFields body = JsonFields.of(call.json(), mapper, CREATE_FIELDS);
        String email = body.optionalText("email", 320);
        UserDirectory.checkEmail(email);
        UserDirectory.Created created = users.create(body.requiredText("username", 64), body.optionalText("displayName", 200),
                body.optionalText("password", 200), body.requiredTextList("roles", 64));
        User user = email == null ? created.user() : users.email(created.user().username(), email);
        audit.record(call.actor(), AuditAction.USER_CREATE, "user:" + user.username(), null, AuditStates.user(user));
        audit.record(call.actor(), AuditAction.TOKEN_ISSUE, "user:" + user.username(), null, Map.of("tokenId", created.token().id()),
                !call.principal().username().equals(user.username()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", created.user().username());
        answer.put("displayName", created.user().displayName());
        answer.put("roles", created.user().roles());
        answer.put("token", created.token().token());
        answer.put("tokenId", created.token().id());
        call.respond(201, answer);
    }

    void list(Call call) {
        call.respond(200, users.list().stream().map(UserResource::view).toList());
    }

    void patch(Call call) {
        String username = call.path("username");
        JsonFields body = JsonFields.of(call.json(), mapper, PATCH_FIELDS);
        List<String> roles = body.has("roles") ? body.requiredTextList("roles", 64) : null;
        User before = users.find(username).orElse(null);
        String password = body.optionalText("password", 200);
        User user = users.update(username, body.optionalText("displayName", 200), roles, body.optionalBoolean("disabled"),
                password);
        if (body.has("email")) {
            user = users.email(username, body.optionalText("email", 320));
        }
        Map<String, Object> after = AuditStates.user(user);
        after.put("passwordChanged", password != null);
        audit.record(call.actor(), AuditAction.USER_UPDATE, "user:" + username, AuditStates.user(before), after);
        call.respond(200, view(user));
    }

    /** An admin, or the user for themselves, gets a new personal token (shown once). */
    void issueToken(Call call) {
        String username = selfOrAdmin(call);
        UserDirectory.IssuedToken token = users.issueToken(username);
        // an admin minting a token for someone else can act as them: marked, so an auditor finds it
        audit.record(call.actor(), AuditAction.TOKEN_ISSUE, "user:" + username, null, Map.of("tokenId", token.id()),
                !call.principal().username().equals(username));
        call.respond(201, Map.of("username", username, "tokenId", token.id(), "token", token.token()));
    }

    void tokens(Call call) {
        call.respond(200, users.tokens(selfOrAdmin(call)));
    }

    void revokeToken(Call call) {
        String username = selfOrAdmin(call);
        long id;
        try {
            id = Long.parseLong(call.path("tokenId"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "the token id must be a number");
        }
        users.revokeToken(username, id);
        audit.record(call.actor(), AuditAction.TOKEN_REVOKE, "user:" + username, Map.of("tokenId", id), null,
                !call.principal().username().equals(username));
        call.respond(200, Map.of("username", username, "tokenId", id, "revoked", true));
    }

    void me(Call call) {
        Principal principal = call.principal();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", principal.username());
        answer.put("displayName", principal.displayName());
        answer.put("roles", principal.roles());
        call.respond(200, answer);
    }

    private static String selfOrAdmin(Call call) {
        String username = call.path("username");
        Principal caller = call.principal();
        if (!caller.isAdmin() && !caller.username().equals(username)) {
            throw Authentication.forbidden("admin");
        }
        return username;
    }

    private static Map<String, Object> view(User user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", user.username());
        view.put("displayName", user.displayName());
        view.put("roles", user.roles());
        view.put("disabled", user.disabled());
        view.put("hasPassword", user.hasPassword());
        view.put("email", user.email());
        view.put("createdAt", user.createdAt());
        view.put("lastLoginAt", user.lastLoginAt());
        return view;
    }
}
