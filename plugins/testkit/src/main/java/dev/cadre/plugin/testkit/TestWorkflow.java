package dev.cadre.plugin.testkit;

import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs several handlers one after another over one shared artifact store, as a workflow run would,
 * so that plugin authors can test a chain of activities without a host. It keeps each activity's
 * output and hands it to later activities with the host's visibility rules; manual activities are
 * simulated with {@link #complete(String, Map)} and {@link FanOut#complete(String, Function)}.
 *
 * <p>It does not evaluate templates, conditions or dependencies: the test says what runs, in order.
 */
public final class TestWorkflow {

    private final String workflowId;
    private final String businessKey;
    private final Map<String, Object> parameters;
    private final InMemoryArtifactStore artifacts = new InMemoryArtifactStore();
    private final Map<String, Map<String, Object>> sequential = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> parallel = new LinkedHashMap<>();
    private final Map<String, Set<String>> fanOutOf = new LinkedHashMap<>();

    /**
     * @param businessKey the run's business key
     * @param parameters  the start parameters
     */
    public TestWorkflow(String businessKey, Map<String, Object> parameters) {
        this.workflowId = "test-cycle-" + businessKey;
        this.businessKey = Objects.requireNonNull(businessKey);
        this.parameters = new LinkedHashMap<>(parameters);
    }

    /** @return the run's artifact store (upload inputs here) */
    public InMemoryArtifactStore artifacts() {
        return artifacts;
    }

    /**
     * Runs a sequential automated activity and records its output.
     *
     * @return the result
     */
    public ActivityResult run(String phase, String activityCode, ActivityHandler handler, Map<String, Object> config)
            throws Exception {
        ActivityResult result = handler.execute(base(phase, activityCode, config).build());
        record(activityCode, result);
        return result;
    }

    /** Records a manual sequential activity's completion: {@code {outcome, completedBy, comment, data}}. */
    public void complete(String activityCode, Map<String, Object> output) {
        sequential.put(activityCode, new LinkedHashMap<>(output));
    }

    /**
     * Starts a parallel phase.
     *
     * @param phase the phase name
     * @param keys  the fan-out elements (strings: each is its own instance key)
     * @return the fan-out, to run its parallel activities on
     */
    public FanOut fanOut(String phase, List<String> keys) {
        return new FanOut(phase, List.copyOf(keys));
    }

    /** @return the sequential output of an activity (fails when it has none) */
    public Map<String, Object> output(String activityCode) {
        Map<String, Object> output = sequential.get(activityCode);
        if (output == null) {
            throw new AssertionError("no output recorded for " + activityCode);
        }
        return output;
    }

    /** @return instance key to output of a parallel activity */
    public Map<String, Map<String, Object>> instanceOutputs(String activityCode) {
        return parallel.getOrDefault(activityCode, Map.of());
    }

    private void record(String activityCode, ActivityResult result) {
        if (!result.isSkipped()) {
            sequential.put(activityCode, result.output());
        }
    }

    private TestActivityContext.Builder base(String phase, String activityCode, Map<String, Object> config) {
        TestActivityContext.Builder builder = TestActivityContext.builder()
                .workflowId(workflowId).businessKey(businessKey).phase(phase).activityCode(activityCode)
                .parameters(parameters).config(config).artifacts(artifacts);
        sequential.forEach(builder::output);
        parallel.forEach((code, byKey) -> byKey.forEach((key, output) -> builder.instanceOutput(code, key, output)));
        return builder;
    }

    /** The instances of one parallel phase; activities of the same fan-out see their own instance's outputs. */
    public final class FanOut {
        private final String phase;
        private final List<String> keys;
        private final Set<String> codes = new LinkedHashSet<>();

        private FanOut(String phase, List<String> keys) {
            this.phase = phase;
            this.keys = keys;
        }

        /** @return the instance keys, in fan-out order */
        public List<String> keys() {
            return keys;
        }

        /**
         * Runs a parallel automated activity once per instance (one after another) and records each output.
         *
         * @return instance key to result
         */
        public Map<String, ActivityResult> run(String activityCode, ActivityHandler handler, Map<String, Object> config)
                throws Exception {
            Map<String, ActivityResult> results = new LinkedHashMap<>();
            for (String key : keys) {
                TestActivityContext.Builder builder = base(phase, activityCode, config).instance(key);
                for (String sibling : codes) {
                    Map<String, Object> own = parallel.get(sibling).get(key);
                    if (own != null) {
                        builder.sameInstanceOutput(sibling, own);
                    }
                }
                ActivityResult result = handler.execute(builder.build());
                results.put(key, result);
                if (!result.isSkipped()) {
                    parallel.computeIfAbsent(activityCode, c -> new LinkedHashMap<>()).put(key, result.output());
                }
            }
            codes.add(activityCode);
            return results;
        }

        /** Records a manual parallel activity's completion for every instance. */
        public void complete(String activityCode, Function<String, Map<String, Object>> outputForKey) {
            for (String key : keys) {
                parallel.computeIfAbsent(activityCode, c -> new LinkedHashMap<>()).put(key, outputForKey.apply(key));
            }
            codes.add(activityCode);
        }
    }

    /** @return the manual completion output a person gives: {@code {outcome, completedBy, comment, data}} */
    public static Map<String, Object> manual(String outcome, String completedBy, Map<String, Object> data) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("outcome", outcome);
        output.put("completedBy", completedBy);
        output.put("comment", null);
        output.put("data", new LinkedHashMap<>(data));
        return output;
    }

    /** @return every recorded activity code, sequential first */
    public List<String> recorded() {
        List<String> codes = new ArrayList<>(sequential.keySet());
        codes.addAll(parallel.keySet());
        return codes;
    }
}
