package dev.cadre.platform.api;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.runs.ArtifactService;
import dev.cadre.plugin.api.Artifact;
import io.undertow.util.Headers;

/**
 * {@code /api/workflows/{id}/artifacts}: list, download and upload the blobs of one run. Names may hold
 * {@code /} ({@code evidence/finance.csv}); the routes match them greedily. Who may write what, and
 * what a write may change, is {@link ArtifactService}'s rule, the console's too.
 */
final class ArtifactResource {

    /** The answer to an upload (200 when the same content was there already). */
    record ArtifactStored(String name, String contentType, long size, String sha256, boolean replaced) {
    }

    private final ArtifactService artifacts;
    private final AuditLog audit;

    ArtifactResource(ArtifactService artifacts, AuditLog audit) {
        this.audit = audit;
        this.artifacts = artifacts;
    }

    void list(Call call) {
        call.respond(200, artifacts.list(call.path("id")));
    }

    void download(Call call) {
        String name = call.path("name");
        Artifact artifact = artifacts.get(call.path("id"), name);
        String file = name.substring(name.lastIndexOf('/') + 1);
        call.exchange().getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        call.exchange().getResponseHeaders().put(Headers.ETAG, "\"" + artifact.sha256() + "\"");
        call.respondBytes(200, artifact.contentType(), artifact.content());
    }

    /**
     * 201 when stored, 200 when the same content was there; 403 unless the caller may write the name (checked
     * before the body is read); 409 for other content unless an admin asks {@code ?replace=true}, and 409 even
     * then when a completed step relied on the artifact; 413 at the run's limits; 422 {@code invalid_upload} with
     * {@code details.problems} when a step that validates the caller's task's file found problems in it (nothing stored).
     */
    void upload(Call call) {
        ArtifactService.Permit permit = artifacts.permit(call.principal(), call.path("id"), call.path("name"), call.queryFlag("replace"));
        ArtifactService.Stored stored;
        try (dev.cadre.platform.runs.Upload body = call.upload()) { // streamed to disk, then to the database
            stored = artifacts.store(permit, call.header(Headers.CONTENT_TYPE_STRING), body);
        }
        if (stored.replaced()) {
            audit.record(call.actor(), AuditAction.ARTIFACT_REPLACE, "workflow:" + permit.workflowId() + "/artifacts/" + stored.name(),
                    java.util.Map.of("sha256", stored.replacedSha256()),
                    java.util.Map.of("sha256", stored.sha256(), "size", stored.size(), "contentType", stored.contentType()));
        }
        call.respond(stored.created() ? 201 : 200, new ArtifactStored(stored.name(), stored.contentType(), stored.size(), stored.sha256(),
                stored.replaced()));
    }
}
