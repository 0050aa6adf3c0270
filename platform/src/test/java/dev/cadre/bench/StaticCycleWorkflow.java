package dev.cadre.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The baseline: the benchmark cycle written by hand as a static Temporal workflow, same activities. */
@WorkflowInterface
public interface StaticCycleWorkflow {

    @WorkflowMethod(name = "StaticCycle")
    int run(String businessKey);

    /** One typed activity per step, doing the same work as the engine's handler. */
    @ActivityInterface(namePrefix = "Static")
    interface Steps {
        @ActivityMethod
        void started(String workflowId, String businessKey);

        @ActivityMethod
        Map<String, Object> step(String workflowId, String code, String instance);

        @ActivityMethod
        void ended(String workflowId);
    }

    /** The hand-written cycle: phases and codes as in the test-cycle template. */
    class Impl implements StaticCycleWorkflow {
        private static final String[][] SEQUENTIAL = {
            {"PLANNING_START", "DEFINE_REPORT_INVENTORY", "GENERATE_ATTRIBUTES", "REVIEW_ATTRIBUTES", "APPROVE_PLANNING", "PLANNING_COMPLETE"},
            {"DATA_PROFILING_START", "DATA_PROFILING", "REVIEW_PROFILING_RESULTS", "APPROVE_PROFILING_RULES", "DATA_PROFILING_COMPLETE"},
            {"SCOPING_START", "EXECUTE_SCOPING", "REVIEW_SCOPING", "APPROVE_SCOPING", "SCOPING_COMPLETE"},
            {"SAMPLE_SELECTION_START", "GENERATE_SAMPLES", "REVIEW_SAMPLES", "APPROVE_SAMPLES", "SAMPLE_SELECTION_COMPLETE"},
            {"DATA_OWNER_ID_START", "IDENTIFY_DATA_OWNERS", "ASSIGN_DATA_PROVIDERS", "APPROVE_DATA_OWNERS", "DATA_OWNER_ID_COMPLETE"},
        };
        private static final String[][] PARALLEL = {
            {"RFI_START", "SEND_DATA_REQUEST", "UPLOAD_EVIDENCE", "VALIDATE_DATA_UPLOAD", "REVIEW_EVIDENCE", "RFI_COMPLETE"},
            {"TEST_EXECUTION_START", "GENERATE_TEST_CASES", "EXECUTE_TESTS", "REVIEW_TEST_RESULTS", "TEST_EXECUTION_COMPLETE"},
            {"OBSERVATION_START", "CREATE_OBSERVATIONS", "REVIEW_OBSERVATIONS", "DATA_OWNER_RESPONSE", "APPROVE_OBSERVATIONS", "OBSERVATION_COMPLETE"},
        };
        private static final String[] FINAL = {"FINALIZE_REPORT_START", "GENERATE_REPORT_SECTIONS", "REVIEW_REPORT", "GENERATE_FINAL_REPORT",
            "SIGN_OFF_REPORT", "FINALIZE_REPORT_COMPLETE"};

        private final Steps steps = Workflow.newActivityStub(Steps.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(60)).build());

        @Override
        public int run(String businessKey) {
            String id = Workflow.getInfo().getWorkflowId();
            steps.started(id, businessKey);
            int count = 0;
            for (String[] phase : SEQUENTIAL) {
                for (String code : phase) {
                    steps.step(id, code, "");
                    count++;
                }
            }
            for (String[] phase : PARALLEL) {
                steps.step(id, phase[0], "");
                count++;
                List<Promise<Integer>> instances = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    String instance = "i" + i;
                    instances.add(Async.function(() -> {
                        for (int s = 1; s < phase.length; s++) {
                            steps.step(id, phase[s], instance);
                        }
                        return phase.length - 1;
                    }));
                }
                for (Promise<Integer> instance : instances) {
                    count += instance.get();
                }
            }
            for (String code : FINAL) {
                steps.step(id, code, "");
                count++;
            }
            steps.ended(id);
            return count;
        }
    }
}
