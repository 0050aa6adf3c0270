package dev.cadre.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * An optional check a handler offers on a file a person uploads, run when the file is submitted rather than
 * when the step runs: a bad file is refused on the person's task page (or with a 422 over REST), the task
 * stays open, and the person uploads another before any later step runs.
 *
 * <p>A handler implements this beside {@link ActivityHandler}. The host calls it for a manual step's file when
 * the template names that step in the handler's step's {@code config.onFailure.returnTo} (the step that
 * validates the upload hands failures back to the same task). The call has a deadline; a check that throws
 * or runs out of time does not block the upload (the host logs it and the step still validates when it
 * runs). Keep it quick and free of side effects: {@link Upload#artifacts()} is read-only.
 * Since plugin API 1.3.
 */
public interface UploadCheck {

    /**
     * @param upload the submitted file and what the checking step would see of its run
     * @return the problems found, each a sentence naming where (file, line, column); empty when the file is fine
     * @throws Exception when the check itself could not run (the upload is then accepted)
     */
    List<String> checkUpload(Upload upload) throws Exception;

    /**
     * A submitted file, before it is stored.
     *
     * @param workflowId   the run
     * @param activityCode the code of the step whose handler checks it (not the person's task)
     * @param instanceKey  the fan-out instance of the task, or the empty string
     * @param artifactName the name the file would be stored under
     * @param contentType  what the uploader declared, or {@code null}
     * @param content      the file's bytes
     * @param config       the checking step's template config
     * @param parameters   the run's start parameters
     * @param artifacts    the run's artifacts as stored now, read-only
     */
    record Upload(String workflowId, String activityCode, String instanceKey, String artifactName, String contentType, byte[] content,
                  Map<String, Object> config, Map<String, Object> parameters, ArtifactStore artifacts) {
    }
}
