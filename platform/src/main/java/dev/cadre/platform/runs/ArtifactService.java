package dev.cadre.platform.runs;

import dev.cadre.platform.templates.InvalidFormException;
import dev.cadre.platform.templates.TaskForm;

import dev.cadre.platform.config.RunLimits;
import dev.cadre.platform.engine.ArtifactUses;
import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.engine.TemplateCatalog;
import dev.cadre.platform.engine.WorkflowNotFoundException;
import dev.cadre.platform.runs.ArtifactRefusedException.Reason;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.users.Principal;
import dev.cadre.plugin.api.Artifact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The artifacts of a run as people see and write them, one rule for the REST endpoint and the console:
 * <ul>
 *   <li>who may write which name ({@link #permit}, before any body is read): operators and admins any
 *       name; anyone else only the files their own waiting task's form takes ({@code evidence/{instance}.csv}
 *       for the data owner of that instance); nobody, not even an admin, a reserved name (void markers,
 *       {@code *.void.json}, which only the host's steps write);</li>
 *   <li>what a write may change ({@link #store}): the same content again is a no-op; other content is
 *       refused unless an admin replaces it, and refused even then once a completed step relied on it
 *       ({@link ArtifactUses}: write-once); the run's artifact count and total size stay within
 *       {@link RunLimits};</li>
 *   <li>what a task's file must be ({@link UploadChecks}): the steps that validate it check it first, and a file
 *       with problems is refused (422) with nothing stored, the task still waiting;</li>
 *   <li>what a file is stored as: the type the uploader declared, else the form field's, else
 *       {@code application/octet-stream}.</li>
 * </ul>
 */
public final class ArtifactService {

    /** Void markers: written by compensations, never by people. */
    public static final String VOID_SUFFIX = TaskForm.RESERVED_SUFFIX;
    /** The longest content type kept. */
    static final int MAX_CONTENT_TYPE = 200;

    private final RunRecordQueries queries;
    private final TemplateCatalog catalog;
    private final Artifacts artifacts;
    private final RunLimits limits;
    private final Optional<TaskClaims> claims;
    private final Optional<UploadChecks> checks;

    /**
     * @param queries   the run records' read side (runs, waiting tasks)
     * @param catalog   template snapshots (task forms)
     * @param artifacts the artifact storage
     * @param limits    what people may store per run
     */
    public ArtifactService(RunRecordQueries queries, TemplateCatalog catalog, Artifacts artifacts, RunLimits limits) {
        this(queries, catalog, artifacts, limits, null);
    }

    /**
     * @param checks checks a task's file on submit with the steps that validate it ({@code null}: none)
     */
    public ArtifactService(RunRecordQueries queries, TemplateCatalog catalog, Artifacts artifacts, RunLimits limits, UploadChecks checks) {
        this(queries, catalog, artifacts, limits, checks, null);
    }

    /**
     * @param claims who is working on which task: a claimed task's file is its holder's to upload ({@code null}: no claims)
     */
    public ArtifactService(RunRecordQueries queries, TemplateCatalog catalog, Artifacts artifacts, RunLimits limits, UploadChecks checks,
            TaskClaims claims) {
        this.claims = Optional.ofNullable(claims);
        this.queries = queries;
        this.catalog = catalog;
        this.artifacts = artifacts;
        this.limits = limits;
        this.checks = Optional.ofNullable(checks);
    }

    /**
     * A stored artifact, without its bytes.
     *
     * @param name        its name
     * @param contentType its MIME type
     * @param size        bytes
     * @param sha256      SHA-256
     * @param createdAt   when it was last written
     */
    public record ArtifactView(String name, String contentType, long size, String sha256, Instant createdAt) {
    }

    /**
     * @param workflowId a run
     * @return its artifacts, by name
     * @throws WorkflowNotFoundException when there is no such run
     */
    public List<ArtifactView> list(String workflowId) {
        return artifacts.list(runId(workflowId)).stream()
                .map(a -> new ArtifactView(a.name(), a.contentType(), a.size(), a.sha256() == null ? null : a.sha256().trim(), a.createdAt()))
                .toList();
    }

    /**
     * @return the artifact
     * @throws WorkflowNotFoundException when there is no such run
     * @throws ArtifactRefusedException  when the name is invalid or not stored
     */
    public Artifact get(String workflowId, String name) {
        checkName(name);
        return artifacts.get(runId(workflowId), name).orElseThrow(() -> new ArtifactRefusedException(Reason.NOT_FOUND,
                "workflow " + workflowId + " has no artifact '" + name + "'", null));
    }

    /**
     * Permission to write an artifact, given before the body is read.
     *
     * @param caller     who writes
     * @param workflowId the run
     * @param runId      its internal id
     * @param name       the artifact
     * @param replace    whether other content may be replaced (admins only)
     * @param field      the form field of the caller's task that takes it, if any
     * @param redo       whether that task is a later round (sent back for rework): its person uploads the file again,
     *                   replacing the earlier round's (whose SHA-256 that round's record keeps)
     * @param task       the waiting task whose form takes the file, if any (its checking steps check the file on submit)
     */
    public record Permit(Principal caller, String workflowId, long runId, String name, boolean replace, Optional<TaskForm.Field> field,
                         boolean redo, Optional<WaitingTask> task) {

        /** A permit outside a rework round. */
        public Permit(Principal caller, String workflowId, long runId, String name, boolean replace, Optional<TaskForm.Field> field) {
            this(caller, workflowId, runId, name, replace, field, false, Optional.empty());
        }
    }

    /**
     * Checks, before the body is read, that the caller may write the name in the run.
     *
     * @throws WorkflowNotFoundException when there is no such run
     * @throws ArtifactRefusedException  400 for a bad name, 403 when the caller may not write it
     */
    public Permit permit(Principal caller, String workflowId, String name, boolean replace) {
        checkName(name);
        long runId = runId(workflowId);
        if (name.endsWith(VOID_SUFFIX)) {
            throw new ArtifactRefusedException(Reason.FORBIDDEN, "'" + name + "' is a reserved name: names ending in " + VOID_SUFFIX
                    + " are void markers, written by the host's steps only", new ArtifactRefusedException.MissingRole("host"));
        }
        if (replace && !caller.isAdmin()) {
            throw new ArtifactRefusedException(Reason.FORBIDDEN, "replacing an artifact needs the role 'admin'",
                    new ArtifactRefusedException.MissingRole("admin"));
        }
        List<WaitingTask> mine = queries.waitingTasks(workflowId).stream().filter(t -> caller.isOperator() || t.isFor(caller)).toList();
        List<String> takes = new ArrayList<>();
        for (WaitingTask task : mine) {
            for (TaskForm.Field file : form(task).map(TaskForm::files).orElse(List.of())) {
                String artifact = file.artifactFor(task.instanceId());
                if (artifact.equals(name)) {
                    claims.ifPresent(c -> c.ensureFreeFor(task, caller.username())); // 409 naming the holder
                    return new Permit(caller, workflowId, runId, name, replace, Optional.of(file), task.round() > 1 && task.isFor(caller),
                            Optional.of(task));
                }
                takes.add(artifact);
            }
        }
        if (caller.isOperator()) {
            return new Permit(caller, workflowId, runId, name, replace, Optional.empty());
        }
        if (mine.isEmpty()) {
            throw new ArtifactRefusedException(Reason.FORBIDDEN, "uploading to this run needs a waiting task of yours, or the role 'operator'",
                    new ArtifactRefusedException.MissingRole("operator"));
        }
        throw new ArtifactRefusedException(Reason.FORBIDDEN, "your waiting task" + (mine.size() == 1 ? " " : "s ")
                + String.join(", ", mine.stream().map(WaitingTask::step).toList()) + " take" + (mine.size() == 1 ? "s " : " ")
                + (takes.isEmpty() ? "no files" : "only " + takes) + ", not '" + name + "'", new ArtifactRefusedException.MissingRole("operator"));
    }

    /**
     * What a write did.
     *
     * @param name        the artifact
     * @param contentType what it is stored as
     * @param size        bytes
     * @param sha256      SHA-256
     * @param created     whether content was written (else the same content was there)
     * @param replaced    whether other content was replaced
     * @param replacedSha256 the SHA-256 of the content replaced, or {@code null}
     */
    public record Stored(String name, String contentType, long size, String sha256, boolean created, boolean replaced, String replacedSha256) {
    }

    /**
     * Writes the permitted artifact.
     *
     * @param permit      from {@link #permit}
     * @param contentType what the uploader declared, or {@code null}
     * @param content     the upload, spilled to disk as it arrived (streamed to the database from there)
     * @return what was written
     * @throws ArtifactRefusedException 409 when other content is there (and may not be replaced), 413 at a run limit,
     *                                  422 when a step that validates the task's file found problems in it
     */
    public Stored store(Permit permit, String contentType, Upload content) {
        String type = contentType(contentType, permit.field());
        String name = permit.name();
        String sha256 = content.sha256();
        // what is there, without reading its bytes
        Optional<Artifacts.Info> existing = artifacts.list(permit.runId()).stream().filter(info -> info.name().equals(name)).findFirst();
        if (existing.isPresent() && existing.get().sha256().equals(sha256)) {
            return new Stored(name, existing.get().contentType(), content.size(), sha256, false, false, null);
        }
        if (existing.isPresent() && !permit.replace() && !permit.redo()) {
            throw new ArtifactRefusedException(Reason.EXISTS, "artifact '" + name + "' already exists with other content; "
                    + (permit.caller().isAdmin() ? "upload with ?replace=true to replace it" : "only an admin can replace it"),
                    new ArtifactRefusedException.Existing(existing.get().sha256()));
        }
        if (existing.isPresent() && !permit.redo()) {
            artifacts.uses().firstUse(permit.runId(), name).ifPresent(use -> {
                throw new ArtifactRefusedException(Reason.IN_USE, "artifact '" + name + "' cannot be replaced: step " + use.step()
                        + " completed on it (sha256 " + use.sha256() + "); it is write-once from then on", use);
            });
        }
        if (permit.task().isPresent() && checks.isPresent()) {
            List<String> problems = checks.get().problems(permit.task().get(), permit.runId(), name, contentType, content);
            if (!problems.isEmpty()) {
                throw new ArtifactRefusedException(Reason.INVALID_CONTENT, name + " was not accepted: " + String.join("; ", problems),
                        new ArtifactRefusedException.Problems(name, problems));
            }
        }
        Artifacts.Usage usage = artifacts.usage(permit.runId(), name);
        if (usage.count() + 1 > limits.maxArtifacts()) {
            throw new ArtifactRefusedException(Reason.LIMIT, "the run already holds " + usage.count() + " artifacts, its limit"
                    + " (CADRE_RUN_MAX_ARTIFACTS = " + limits.maxArtifacts() + ")",
                    new ArtifactRefusedException.Limit("CADRE_RUN_MAX_ARTIFACTS", limits.maxArtifacts()));
        }
        if (usage.bytes() + content.size() > limits.maxArtifactBytes()) {
            throw new ArtifactRefusedException(Reason.LIMIT, "the run's artifacts would hold " + (usage.bytes() + content.size())
                    + " bytes, over its limit (CADRE_RUN_MAX_ARTIFACT_BYTES = " + limits.maxArtifactBytes() + ")",
                    new ArtifactRefusedException.Limit("CADRE_RUN_MAX_ARTIFACT_BYTES", limits.maxArtifactBytes()));
        }
        try (java.io.InputStream in = content.open()) {
            artifacts.put(permit.runId(), name, type, in, content.size(), sha256);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the spilled upload of '" + name + "' could not be closed", e);
        }
        return new Stored(name, type, content.size(), sha256, true, existing.isPresent(), existing.map(Artifacts.Info::sha256).orElse(null));
    }

    /** @param task a waiting task @return its activity in the run's template version */
    public Optional<ActivityTemplate> activity(WaitingTask task) {
        return catalog.find(task.template(), task.version()).flatMap(t -> t.activity(task.code()));
    }

    /** @param task a waiting task @return its form, if its activity declares one */
    public Optional<TaskForm> form(WaitingTask task) {
        return catalog.find(task.template(), task.version()).flatMap(t -> t.activity(task.code())).map(ActivityTemplate::config)
                .flatMap(TaskForm::of);
    }

    /**
     * @param workflowId a run
     * @param name       an artifact
     * @return its SHA-256, if stored
     */
    Optional<String> sha256(String workflowId, String name) {
        return artifacts.get(runId(workflowId), name).map(Artifact::sha256);
    }

    /** @return what a file is stored as: the declared type, else its form field's, else {@code application/octet-stream} */
    static String contentType(String declared, Optional<TaskForm.Field> field) {
        String type = declared == null || declared.isBlank() ? field.map(TaskForm.Field::contentType).orElse("application/octet-stream")
                : declared.trim();
        if (type.length() > MAX_CONTENT_TYPE) {
            throw new ArtifactRefusedException(Reason.INVALID_CONTENT_TYPE, "the Content-Type is longer than " + MAX_CONTENT_TYPE + " characters", null);
        }
        return type;
    }

    private long runId(String workflowId) {
        return queries.runId(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
    }

    private static void checkName(String name) {
        if (!Artifacts.isValidName(name)) {
            throw new ArtifactRefusedException(Reason.INVALID_NAME, "invalid artifact name '" + name
                    + "': use 1-200 letters, digits, '.', '_', '-' and '/' between segments", null);
        }
    }
}
