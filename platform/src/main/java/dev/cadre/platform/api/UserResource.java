package dev.cadre.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code /api/users} and {@code /api/me}: people, their roles and personal tokens. */
final class UserResource {

    /** The body of {@code POST /api/users}. */
    record CreateBody(String username, String displayName, String password, List<String> roles, String email) {
    }

    /** The body of {@code PATCH /api/users/{username}}; a field left out stays as it is ({@code "email": null} removes it). */
    record PatchBody(String displayName, String password, List<String> roles, Boolean disabled, String email, Boolean revokeTokens) {
    }

    private final UserDirectory users;
    private final Bodies bodies;
    private final AuditLog audit;

    UserResource(UserDirectory users, ObjectMapper mapper, AuditLog audit) {
        this.users = users;
        this.bodies = new Bodies(mapper);
        this.audit = audit;
    }

    void create(Call call) {
        CreateBody body = bodies.read(call.json(), CreateBody.class);
        String email = Bodies.text("email", body.email(), 320, false);
        UserDirectory.checkEmail(email);
        UserDirectory.Created created = users.create(Bodies.text("username", body.username(), 64, true),
                Bodies.text("displayName", body.displayName(), 200, false), Bodies.text("password", body.password(), 200, false),
                roles(body.roles()));
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
        JsonNode json = call.json();
        PatchBody body = bodies.read(json, PatchBody.class);
        List<String> roles = json.has("roles") ? roles(body.roles()) : null;
        User before = users.find(username).orElse(null);
        String password = Bodies.text("password", body.password(), 200, false);
        User user = users.update(username, Bodies.text("displayName", body.displayName(), 200, false), roles, body.disabled(), password);
        if (json.has("email")) {
            user = users.email(username, Bodies.text("email", body.email(), 320, false));
        }
        boolean revoke = Boolean.TRUE.equals(body.revokeTokens());
        if (revoke) {
            users.revokeAllTokens(username); // a new password or a disable ends console sessions; this ends the tokens too
        }
        Map<String, Object> after = AuditStates.user(user);
        after.put("passwordChanged", password != null);
        after.put("tokensRevoked", revoke);
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

    /** @return the roles: a non-empty list of non-empty names of at most 64 characters */
    private static List<String> roles(List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw Bodies.invalid("roles", "is required (a non-empty array of strings)");
        }
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            if (role == null || role.isBlank() || role.length() > 64) {
                throw new ApiException(400, "invalid_field", "field 'roles[" + i + "]' must be a non-empty string of at most 64 characters",
                        Map.of("field", "roles[" + i + "]"));
            }
        }
        return roles;
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
