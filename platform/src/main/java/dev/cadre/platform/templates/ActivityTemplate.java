package dev.cadre.platform.templates;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One step of a template; every step runs as a Temporal activity whose activity type is
 * {@code handler}.
 *
 * @param code           unique in the template, for example {@code GENERATE_TEST_CASES}
 * @param name           a human-readable name
 * @param type           START, TASK, REVIEW, APPROVAL or COMPLETE
 * @param manual         whether a person completes it (through a completion signal)
 * @param handler        the handler name the host resolves
 * @param executionMode  {@code parallel}: runs once per fan-out instance of its phase
 * @param timeoutSeconds how long one attempt (or, when manual, the person) may take
 * @param retryPolicy    how failed attempts are retried
 * @param condition      a CEL expression; when it is false the activity is SKIPPED ({@code null} = always run)
 * @param config         handler-specific settings, JSON-compatible
 * @param dependsOn      activities that must have ended (or been approved) first
 * @param handlerVersion a semver range of the plugin release that runs it ({@code ^1.0}), or {@code null}
 *                       for the newest enabled release
 * @param handlerRelease the exact release version the range was resolved to when this template version was
 *                       published ({@code null}: not pinned); set by the host, never read from a document
 */
public record ActivityTemplate(String code, String name, ActivityType type, boolean manual, String handler,
        ExecutionMode executionMode, int timeoutSeconds, RetryPolicy retryPolicy, String condition,
        Map<String, Object> config, List<Dependency> dependsOn,
        @JsonInclude(JsonInclude.Include.NON_NULL) String handlerVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) String handlerRelease) {

    /** An activity that follows the newest enabled release of its handler. */
    public ActivityTemplate(String code, String name, ActivityType type, boolean manual, String handler,
                            ExecutionMode executionMode, int timeoutSeconds, RetryPolicy retryPolicy, String condition,
                            Map<String, Object> config, List<Dependency> dependsOn) {
        this(code, name, type, manual, handler, executionMode, timeoutSeconds, retryPolicy, condition, config, dependsOn, null, null);
    }

    /** Copies collections and fills defaults for absent optional parts. */
    public ActivityTemplate {
        executionMode = executionMode == null ? ExecutionMode.SEQUENTIAL : executionMode;
        retryPolicy = retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy;
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** @return whether the activity runs once per fan-out instance */
    @JsonIgnore
    public boolean isParallel() {
        return executionMode == ExecutionMode.PARALLEL;
    }

    /** @return whether the activity pins a plugin release by range */
    @JsonIgnore
    public boolean pinsRelease() {
        return handlerVersion != null && !handlerVersion.isBlank();
    }
}
