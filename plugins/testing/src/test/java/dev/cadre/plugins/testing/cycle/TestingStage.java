package dev.cadre.plugins.testing.cycle;

import static dev.cadre.plugin.testkit.TestWorkflow.manual;

import dev.cadre.plugin.testkit.TestWorkflow;
import dev.cadre.plugins.planning.cycle.TemplateConfig;
import dev.cadre.plugins.testing.CreateObservationsHandler;
import dev.cadre.plugins.testing.ExecuteTestsHandler;
import dev.cadre.plugins.testing.GenerateTestCasesHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Phases 7 (per document) and 8 (per test execution) of the test cycle, reviews and approvals given. */
public final class TestingStage {

    private TestingStage() {
    }

    public static void run(TestWorkflow run, List<String> documents) throws Exception {
        TestWorkflow.FanOut execution = run.fanOut("Test Execution", documents);
        execution.run("GENERATE_TEST_CASES", new GenerateTestCasesHandler(), TemplateConfig.of("GENERATE_TEST_CASES"));
        execution.run("EXECUTE_TESTS", new ExecuteTestsHandler(), TemplateConfig.of("EXECUTE_TESTS"));
        execution.complete("REVIEW_TEST_RESULTS", d -> manual("APPROVED", "reviewer", Map.of()));

        // outputs.EXECUTE_TESTS.map(execution, execution): one instance per document tested
        TestWorkflow.FanOut observation = run.fanOut("Observation Management",
                new ArrayList<>(run.instanceOutputs("EXECUTE_TESTS").keySet()));
        observation.run("CREATE_OBSERVATIONS", new CreateObservationsHandler(), TemplateConfig.of("CREATE_OBSERVATIONS"));
        observation.complete("REVIEW_OBSERVATIONS", d -> manual("APPROVED", "reviewer", Map.of()));
        observation.complete("DATA_OWNER_RESPONSE", d -> manual("DONE", "data-owner", Map.of()));
        observation.complete("APPROVE_OBSERVATIONS", d -> manual("APPROVED", "approver", Map.of()));
    }
}
