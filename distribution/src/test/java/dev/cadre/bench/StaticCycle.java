package dev.cadre.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baseline of {@link HostBenchmark}: the benchmark cycle written by hand as a static Temporal
 * workflow, the shape of {@link BenchTemplates#cycle} (9 phases, 77 executions, the three parallel
 * phases one instance per element of their parameter, all instances at once). Each step is one
 * activity; the worker decides what it writes: a plain status table ({@link LeanSteps}, the baseline)
 * or Cadre's run records as the engine writes them ({@link StaticSteps}).
 */
@WorkflowInterface
public interface StaticCycle {

    /**
     * @param businessKey the run's business key
     * @param parameters  {@code dataOwners}, {@code documents}, {@code executions}: the instances of the parallel phases
     * @return the steps run
     */
    @WorkflowMethod(name = "HostBenchStaticCycle")
    int run(String businessKey, Map<String, List<String>> parameters);

    /** The activities: the step's records and the no-op step's work. */
    @ActivityInterface(namePrefix = "HostBench")
    interface Steps {
        /** Records the run (a {@code workflow_instances} row). */
        @ActivityMethod
        void started(String workflowId, String runId, String businessKey);

        /**
         * Runs one step and records it RUNNING, then COMPLETED with its output.
         *
         * @param phase          the phase this step enters (recorded as the run's current phase), or {@code null}
         * @param parentCode     the step before it, or {@code null}
         * @param parentInstance that step's instance ({@code ""} when none)
         */
        @ActivityMethod
        Map<String, Object> step(String workflowId, String phase, String code, String instance, String parentCode, String parentInstance);

        /** Records the run's end. */
        @ActivityMethod
        void ended(String workflowId);
    }

    /** The hand-written cycle. */
    class Impl implements StaticCycle {
        private static final String[] PHASES = {"Planning", "Data Profiling", "Scoping", "Sample Selection", "Data Owner Identification",
            "Request for Information", "Test Execution", "Observation Management", "Finalize Test Report"};
        private static final String[][] SEQUENTIAL = {
            {"PLANNING_START", "DEFINE_REPORT_INVENTORY", "GENERATE_ATTRIBUTES", "REVIEW_ATTRIBUTES", "APPROVE_PLANNING", "PLANNING_COMPLETE"},
            {"DATA_PROFILING_START", "DATA_PROFILING", "REVIEW_PROFILING_RESULTS", "APPROVE_PROFILING_RULES", "DATA_PROFILING_COMPLETE"},
            {"SCOPING_START", "EXECUTE_SCOPING", "REVIEW_SCOPING", "APPROVE_SCOPING", "SCOPING_COMPLETE"},
            {"SAMPLE_SELECTION_START", "GENERATE_SAMPLES", "REVIEW_SAMPLES", "APPROVE_SAMPLES", "SAMPLE_SELECTION_COMPLETE"},
            {"DATA_OWNER_ID_START", "IDENTIFY_DATA_OWNERS", "ASSIGN_DATA_PROVIDERS", "APPROVE_DATA_OWNERS", "DATA_OWNER_ID_COMPLETE"},
        };
        /** A parallel phase: its START once, then per instance the rest in order. */
        private static final String[][] PARALLEL = {
            {"RFI_START", "SEND_DATA_REQUEST", "UPLOAD_EVIDENCE", "VALIDATE_DATA_UPLOAD", "REVIEW_EVIDENCE", "RFI_COMPLETE"},
            {"TEST_EXECUTION_START", "GENERATE_TEST_CASES", "EXECUTE_TESTS", "REVIEW_TEST_RESULTS", "TEST_EXECUTION_COMPLETE"},
            {"OBSERVATION_START", "CREATE_OBSERVATIONS", "REVIEW_OBSERVATIONS", "DATA_OWNER_RESPONSE", "APPROVE_OBSERVATIONS", "OBSERVATION_COMPLETE"},
        };
        private static final String[] PARALLEL_PARAMETERS = {"dataOwners", "documents", "executions"};
        private static final String[] FINAL = {"FINALIZE_REPORT_START", "GENERATE_REPORT_SECTIONS", "REVIEW_REPORT", "GENERATE_FINAL_REPORT",
            "SIGN_OFF_REPORT", "FINALIZE_REPORT_COMPLETE"};

        /** The template's timeout and retry policy for every step (60 s, 3 attempts, backoff 2 from 1 s). */
        private final Steps steps = Workflow.newActivityStub(Steps.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(60))
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofSeconds(60)).setMaximumAttempts(3).build())
                .build());

        private String id;
        private String[] previous = {null, ""};
        private int count;

        @Override
        public int run(String businessKey, Map<String, List<String>> parameters) {
            id = Workflow.getInfo().getWorkflowId();
            steps.started(id, Workflow.getInfo().getRunId(), businessKey);
            int phase = 0;
            for (String[] codes : SEQUENTIAL) {
                sequential(PHASES[phase++], codes);
            }
            for (int p = 0; p < PARALLEL.length; p++) {
                String[] codes = PARALLEL[p];
                step(PHASES[phase++], codes[0], "");
                String[] start = previous;
                List<Promise<Integer>> instances = new ArrayList<>();
                for (String instance : parameters.get(PARALLEL_PARAMETERS[p])) {
                    instances.add(Async.function(() -> {
                        String[] parent = start;
                        for (int s = 1; s < codes.length; s++) {
                            steps.step(id, null, codes[s], instance, parent[0], parent[1]);
                            parent = new String[] {codes[s], instance};
                        }
                        return codes.length - 1;
                    }));
                }
                for (Promise<Integer> instance : instances) {
                    count += instance.get();
                }
            }
            sequential(PHASES[phase], FINAL);
            steps.ended(id);
            return count;
        }

        private void sequential(String phase, String[] codes) {
            for (int i = 0; i < codes.length; i++) {
                step(i == 0 ? phase : null, codes[i], "");
            }
        }

        private void step(String phase, String code, String instance) {
            steps.step(id, phase, code, instance, previous[0], previous[1]);
            previous = new String[] {code, instance};
            count++;
        }
    }
}
