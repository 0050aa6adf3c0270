package dev.cadre.platform.api;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;

import dev.cadre.plugin.api.Artifact;
import dev.cadre.platform.engine.ArtifactUses;
import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.users.Principal;
import io.undertow.util.Headers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/workflows/{id}/artifacts}: list, download and upload the blobs of one run. Names may hold
 * {@code /} ({@code evidence/finance.csv}); the routes match them greedily and {@link Artifacts#isValidName}
 * keeps them safe.
 */
final class ArtifactResource {

    private final RunRecordQueries queries;
    private final Artifacts artifacts;
    private final AuditLog audit;

    ArtifactResource(RunRecordQueries queries, Artifacts artifacts, AuditLog audit) {
        this.audit = audit;
        this.queries = queries;
        this.artifacts = artifacts;
    }

    void list(Call call) {
        long runId = runId(call);
        call.respond(200, artifacts.list(runId).stream().map(info -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", info.name());
            view.put("contentType", info.contentType());
            view.put("size", info.size());
            view.put("sha256", info.sha256() == null ? null : info.sha256().trim());
            view.put("createdAt", info.createdAt());
            return view;
        }).toList());
    }

    void download(Call call) {
        long runId = runId(call);
        String name = name(call);
        Artifact artifact = artifacts.get(runId, name)
                .orElseThrow(() -> ApiException.notFound("artifact_not_found", "workflow " + call.path("id") + " has no artifact '" + name + "'"));
        String file = name.substring(name.lastIndexOf('/') + 1);
        call.exchange().getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        call.exchange().getResponseHeaders().put(Headers.ETAG, "\"" + artifact.sha256() + "\"");
        call.respondBytes(200, artifact.contentType(), artifact.content());
    }

    /**
     * 201 when stored, 200 when the same content was there; 409 for different content unless
     * {@code ?replace=true}, and 409 even then when a completed step relied on the artifact (see
     * {@link ArtifactUses}: validated evidence, the final report). Operators and admins upload to any
     * run; anyone else only to a run with a task of one of their roles waiting (a data owner's
     * evidence). Replacing content is for admins.
     */
    void upload(Call call) {
        long runId = runId(call);
        String name = name(call);
        boolean replace = call.queryFlag("replace");
        Principal caller = call.principal();
        if (!caller.isOperator() && !queries.hasWaitingTaskFor(call.path("id"), caller.roles())) {
            throw new ApiException(403, "forbidden", "uploading to this run needs the role of one of its waiting tasks, or 'operator'",
                    Map.of("missingRole", "operator"));
        }
        if (replace && !caller.isAdmin()) {
            throw Authentication.forbidden("admin");
        }
        String header = call.header(Headers.CONTENT_TYPE_STRING);
        String contentType = header == null || header.isBlank() ? "application/octet-stream" : header.trim();
        if (contentType.length() > 200) {
            throw ApiException.badRequest("invalid_content_type", "the Content-Type is longer than 200 characters");
        }
        byte[] content = call.bytes();
        String sha256 = Artifacts.sha256(content);
        Optional<Artifact> existing = artifacts.get(runId, name);
        if (existing.isPresent() && !existing.get().sha256().equals(sha256) && !replace) {
            throw new ApiException(409, "artifact_exists", "artifact '" + name + "' already exists with other content; upload with ?replace=true to replace it",
                    Map.of("sha256", existing.get().sha256()));
        }
        if (existing.isPresent() && !existing.get().sha256().equals(sha256)) {
            refuseIfUsed(runId, name);
        }
        artifacts.put(runId, name, contentType, content);
        if (existing.isPresent() && !existing.get().sha256().equals(sha256)) {
            audit.record(call.actor(), AuditAction.ARTIFACT_REPLACE, "workflow:" + call.path("id") + "/artifacts/" + name,
                    Map.of("sha256", existing.get().sha256()), Map.of("sha256", sha256, "size", content.length, "contentType", contentType));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", name);
        view.put("contentType", contentType);
        view.put("size", content.length);
        view.put("sha256", sha256);
        view.put("replaced", existing.isPresent() && !existing.get().sha256().equals(sha256));
        call.respond(existing.isPresent() && existing.get().sha256().equals(sha256) ? 200 : 201, view);
    }

    private void refuseIfUsed(long runId, String name) {
        artifacts.uses().firstUse(runId, name).ifPresent(use -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("activity", use.activity());
            details.put("instanceId", use.instanceId());
            details.put("sha256", use.sha256());
            throw new ApiException(409, "artifact_in_use", "artifact '" + name + "' cannot be replaced: step " + use.step()
                    + " completed on it (sha256 " + use.sha256() + "); it is write-once from then on", details);
        });
    }

    private long runId(Call call) {
        String workflowId = call.path("id");
        return queries.runId(workflowId)
                .orElseThrow(() -> ApiException.notFound("workflow_not_found", "no workflow " + workflowId));
    }

    private static String name(Call call) {
        String name = call.path("name");
        if (!Artifacts.isValidName(name)) {
            throw ApiException.badRequest("invalid_artifact_name", "invalid artifact name '" + name
                    + "': use 1-200 letters, digits, '.', '_', '-' and '/' between segments");
        }
        return name;
    }
}
