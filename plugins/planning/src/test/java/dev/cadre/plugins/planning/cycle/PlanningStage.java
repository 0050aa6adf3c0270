package dev.cadre.plugins.planning.cycle;

import static dev.cadre.plugin.testkit.TestWorkflow.manual;

import dev.cadre.plugin.testkit.TestWorkflow;
import dev.cadre.plugins.planning.DataProfilingHandler;
import dev.cadre.plugins.planning.ExecuteScopingHandler;
import dev.cadre.plugins.planning.GenerateAttributesHandler;
import dev.cadre.plugins.planning.GenerateSamplesHandler;
import java.util.Map;

/**
 * Phases 1 to 5 of the test cycle on a {@link TestWorkflow}: the planning handlers with the template's
 * configs, the manual steps completed as people would. Later plugins' tests start from here.
 */
public final class PlanningStage {

    public static final String BUSINESS_KEY = "LOANS-REPORT-2026-Q3";

    private PlanningStage() {
    }

    /** @return a run with the sample report and data dictionary uploaded, as before DEFINE_REPORT_INVENTORY completes */
    public static TestWorkflow newRun() {
        TestWorkflow run = new TestWorkflow(BUSINESS_KEY, SampleFiles.parameters());
        run.artifacts().putText("report.csv", "text/csv", SampleFiles.read("report.csv"));
        run.artifacts().putText("data-dictionary.csv", "text/csv", SampleFiles.read("data-dictionary.csv"));
        return run;
    }

    /** Runs phases 1 to 5. */
    public static void run(TestWorkflow run) throws Exception {
        run.complete("DEFINE_REPORT_INVENTORY", manual("DONE", "test-lead", Map.of()));
        step(run, "Planning", "GENERATE_ATTRIBUTES", new GenerateAttributesHandler());
        approve(run, "REVIEW_ATTRIBUTES", "APPROVE_PLANNING");
        step(run, "Data Profiling", "DATA_PROFILING", new DataProfilingHandler());
        approve(run, "REVIEW_PROFILING_RESULTS", "APPROVE_PROFILING_RULES");
        step(run, "Scoping", "EXECUTE_SCOPING", new ExecuteScopingHandler());
        approve(run, "REVIEW_SCOPING", "APPROVE_SCOPING");
        step(run, "Sample Selection", "GENERATE_SAMPLES", new GenerateSamplesHandler());
        approve(run, "REVIEW_SAMPLES", "APPROVE_SAMPLES");
        run.complete("IDENTIFY_DATA_OWNERS", manual("DONE", "test-lead", Map.of()));
        run.complete("ASSIGN_DATA_PROVIDERS", manual("DONE", "test-lead", Map.of()));
        run.complete("APPROVE_DATA_OWNERS", manual("APPROVED", "approver", Map.of()));
    }

    private static void step(TestWorkflow run, String phase, String code, dev.cadre.plugin.api.ActivityHandler handler)
            throws Exception {
        run.run(phase, code, handler, TemplateConfig.of(code));
    }

    private static void approve(TestWorkflow run, String review, String approval) {
        run.complete(review, manual("APPROVED", "reviewer", Map.of()));
        run.complete(approval, manual("APPROVED", "approver", Map.of()));
    }
}
