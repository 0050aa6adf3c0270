package dev.cadre.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * Blobs scoped to one workflow run, kept in PostgreSQL: inputs people upload (a report, evidence)
 * and files handlers produce (test cases, the final report). Large data belongs here rather than in
 * {@link ActivityResult#output()}, which travels through Temporal's history.
 */
public interface ArtifactStore {

    /**
     * Stores an artifact, replacing one of the same name: writing the same content again is a no-op,
     * which keeps re-executed activities idempotent.
     *
     * @param name        the name, 1 to 200 characters of letters, digits, {@code . _ -} and {@code /}
     * @param contentType the MIME type, for example {@code text/markdown}
     * @param content     the bytes
     * @return the stored artifact, with its SHA-256
     */
    Artifact put(String name, String contentType, byte[] content);

    /**
     * @param name the artifact's name
     * @return the artifact, or empty when the run has none of that name
     */
    Optional<Artifact> get(String name);

    /** @return the names of the run's artifacts, sorted */
    List<String> list();
}
