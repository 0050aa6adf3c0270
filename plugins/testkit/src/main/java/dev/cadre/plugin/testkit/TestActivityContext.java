package dev.cadre.plugin.testkit;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.RunStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ActivityContext} for unit tests, built with {@link #builder()}.
 *
 * <p>Upstream outputs follow the host's rules (see {@link ActivityContext#output(String)}):
 * <ul>
 *   <li>{@link Builder#output(String, Map)}: a sequential activity's output, visible through
 *       {@code output(code)} and {@code outputs().get(code)};</li>
 *   <li>{@link Builder#sameInstanceOutput(String, Map)}: the output of a parallel activity of this
 *       instance's own fan-out; {@code output(code)} returns it and {@code outputs().get(code)} maps
 *       this instance's key to it;</li>
 *   <li>{@link Builder#instanceOutput(String, String, Map)}: the output of one instance of a parallel
 *       activity, visible only through {@code outputs().get(code)} (a map from instance key to output),
 *       unless this is the same instance of the same fan-out (see above).</li>
 * </ul>
 *
 * <p>Heartbeats are recorded ({@link #heartbeats()}); artifacts live in an {@link InMemoryArtifactStore}
 * that several contexts may share, as the activities of one workflow run do.
 */
public final class TestActivityContext implements ActivityContext {

    private final Builder spec;
    private final Map<String, Object> outputs;
    private final List<Object> heartbeats = Collections.synchronizedList(new ArrayList<>());
    private final Logger log;

    private TestActivityContext(Builder spec) {
        this.spec = spec;
        this.outputs = buildOutputs(spec);
        this.log = LoggerFactory.getLogger("cadre.activity." + spec.activityCode
                + (spec.instanceKey.isEmpty() ? "" : "." + spec.instanceKey.replace('/', '.')));
    }

    /** @return a builder with defaults: workflow {@code test-workflow}, business key {@code TEST-1}, attempt 1 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this context's settings (and sharing its artifact store) */
    public Builder toBuilder() {
        return spec.copy();
    }

    /**
     * @return a context for the next attempt of the same activity, on the same artifact store, as the
     *         host gives a retry after a crash
     */
    public TestActivityContext retry() {
        return toBuilder().attempt(spec.attempt + 1).build();
    }

    @Override
    public String workflowId() {
        return spec.workflowId;
    }

    @Override
    public String businessKey() {
        return spec.businessKey;
    }

    @Override
    public String activityCode() {
        return spec.activityCode;
    }

    @Override
    public String phase() {
        return spec.phase;
    }

    @Override
    public String instanceKey() {
        return spec.instanceKey;
    }

    @Override
    public int attempt() {
        return spec.attempt;
    }

    @Override
    public Map<String, Object> parameters() {
        return Immutable.map(spec.parameters);
    }

    @Override
    public Map<String, Object> config() {
        return Immutable.map(spec.config);
    }

    @Override
    public Optional<Object> instance() {
        return Optional.ofNullable(spec.instance);
    }

    @Override
    public Optional<Map<String, Object>> output(String activityCode) {
        if (spec.sequentialOutputs.containsKey(activityCode)) {
            return Optional.of(Immutable.map(spec.sequentialOutputs.get(activityCode)));
        }
        return Optional.ofNullable(spec.sameInstanceOutputs.get(activityCode)).map(Immutable::map);
    }

    @Override
    public Map<String, Object> outputs() {
        return outputs;
    }

    @Override
    public void heartbeat(Object details) {
        heartbeats.add(details);
    }

    /** @return the details of every heartbeat so far, in order */
    public List<Object> heartbeats() {
        synchronized (heartbeats) {
            return Collections.unmodifiableList(new ArrayList<>(heartbeats));
        }
    }

    @Override
    public InMemoryArtifactStore artifacts() {
        return spec.artifacts;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public String templateCode() {
        return spec.templateCode;
    }

    @Override
    public int templateVersion() {
        return spec.templateVersion;
    }

    @Override
    public List<RunStep> steps() {
        return List.copyOf(spec.steps);
    }

    private static Map<String, Object> buildOutputs(Builder spec) {
        Map<String, Object> all = new LinkedHashMap<>();
        spec.sequentialOutputs.forEach(all::put);
        Map<String, Map<String, Object>> parallel = new LinkedHashMap<>();
        spec.instanceOutputs.forEach((code, byKey) -> parallel.put(code, new LinkedHashMap<>(byKey)));
        spec.sameInstanceOutputs.forEach((code, output) ->
                parallel.computeIfAbsent(code, c -> new LinkedHashMap<>()).put(spec.instanceKey, output));
        parallel.forEach(all::put);
        return Immutable.map(all);
    }

    /** Fluent settings of a {@link TestActivityContext}; every setter returns the builder. */
    public static final class Builder {
        private String workflowId = "test-workflow";
        private String businessKey = "TEST-1";
        private String activityCode = "TEST_ACTIVITY";
        private String phase = "Test";
        private String instanceKey = "";
        private Object instance;
        private int attempt = 1;
        private Map<String, Object> parameters = new LinkedHashMap<>();
        private Map<String, Object> config = new LinkedHashMap<>();
        private Map<String, Map<String, Object>> sequentialOutputs = new LinkedHashMap<>();
        private Map<String, Map<String, Object>> sameInstanceOutputs = new LinkedHashMap<>();
        private Map<String, Map<String, Map<String, Object>>> instanceOutputs = new LinkedHashMap<>();
        private InMemoryArtifactStore artifacts = new InMemoryArtifactStore();
        private String templateCode = "test-template";
        private int templateVersion = 1;
        private List<RunStep> steps = new ArrayList<>();

        private Builder() {
        }

        /** @param code the run's template code @param version its version @return the builder */
        public Builder template(String code, int version) {
            this.templateCode = code;
            this.templateVersion = version;
            return this;
        }

        /** @param step a recorded step of the run, as the host's records would hold it @return the builder */
        public Builder step(RunStep step) {
            this.steps.add(step);
            return this;
        }

        public Builder workflowId(String workflowId) {
            this.workflowId = Objects.requireNonNull(workflowId);
            return this;
        }

        public Builder businessKey(String businessKey) {
            this.businessKey = Objects.requireNonNull(businessKey);
            return this;
        }

        public Builder activityCode(String activityCode) {
            this.activityCode = Objects.requireNonNull(activityCode);
            return this;
        }

        public Builder phase(String phase) {
            this.phase = Objects.requireNonNull(phase);
            return this;
        }

        /** Sets the instance key only; see {@link #instance(Object)} to set the fan-out element too. */
        public Builder instanceKey(String instanceKey) {
            this.instanceKey = Objects.requireNonNull(instanceKey);
            return this;
        }

        /**
         * Makes this a parallel instance for a fan-out element; for a string element the instance key
         * is the string itself, as in the host.
         */
        public Builder instance(Object element) {
            this.instance = element;
            if (element instanceof String key) {
                this.instanceKey = key;
            }
            return this;
        }

        public Builder attempt(int attempt) {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
            }
            this.attempt = attempt;
            return this;
        }

        /** Replaces the workflow start parameters. */
        public Builder parameters(Map<String, Object> parameters) {
            this.parameters = new LinkedHashMap<>(parameters);
            return this;
        }

        public Builder parameter(String name, Object value) {
            this.parameters.put(name, value);
            return this;
        }

        /** Replaces the activity template's config. */
        public Builder config(Map<String, Object> config) {
            this.config = new LinkedHashMap<>(config);
            return this;
        }

        public Builder config(String name, Object value) {
            this.config.put(name, value);
            return this;
        }

        /** The output of an upstream sequential activity. */
        public Builder output(String activityCode, Map<String, Object> output) {
            sequentialOutputs.put(activityCode, output);
            return this;
        }

        /** The output of an upstream parallel activity of this instance's fan-out, for this instance. */
        public Builder sameInstanceOutput(String activityCode, Map<String, Object> output) {
            sameInstanceOutputs.put(activityCode, output);
            return this;
        }

        /** The output of one instance of an upstream parallel activity. */
        public Builder instanceOutput(String activityCode, String instanceKey, Map<String, Object> output) {
            instanceOutputs.computeIfAbsent(activityCode, c -> new LinkedHashMap<>()).put(instanceKey, output);
            return this;
        }

        /** Shares a store, as the activities of one workflow run do. */
        public Builder artifacts(InMemoryArtifactStore artifacts) {
            this.artifacts = Objects.requireNonNull(artifacts);
            return this;
        }

        /** Puts UTF-8 text into the store (an upload or an upstream activity's file). */
        public Builder artifact(String name, String contentType, String text) {
            artifacts.putText(name, contentType, text);
            return this;
        }

        /** @return the context */
        public TestActivityContext build() {
            return new TestActivityContext(copy());
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.workflowId = workflowId;
            copy.businessKey = businessKey;
            copy.activityCode = activityCode;
            copy.phase = phase;
            copy.instanceKey = instanceKey;
            copy.instance = instance;
            copy.attempt = attempt;
            copy.parameters = new LinkedHashMap<>(parameters);
            copy.config = new LinkedHashMap<>(config);
            copy.sequentialOutputs = new LinkedHashMap<>(sequentialOutputs);
            copy.sameInstanceOutputs = new LinkedHashMap<>(sameInstanceOutputs);
            copy.instanceOutputs = new LinkedHashMap<>();
            instanceOutputs.forEach((code, byKey) -> copy.instanceOutputs.put(code, new LinkedHashMap<>(byKey)));
            copy.artifacts = artifacts;
            copy.templateCode = templateCode;
            copy.templateVersion = templateVersion;
            copy.steps = new ArrayList<>(steps);
            return copy;
        }
    }

    /** Deep unmodifiable copies, so a handler cannot change what a later activity sees. */
    static final class Immutable {
        private Immutable() {
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Map<String, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, value(v)));
            return Collections.unmodifiableMap(copy);
        }

        @SuppressWarnings("unchecked")
        static Object value(Object value) {
            if (value instanceof Map<?, ?> m) {
                return map((Map<String, ?>) m);
            }
            if (value instanceof List<?> l) {
                List<Object> copy = new ArrayList<>();
                l.forEach(e -> copy.add(value(e)));
                return Collections.unmodifiableList(copy);
            }
            return value;
        }
    }
}
