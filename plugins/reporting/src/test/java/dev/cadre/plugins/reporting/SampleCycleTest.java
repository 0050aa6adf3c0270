package dev.cadre.plugins.reporting;

import static dev.cadre.plugin.testkit.TestWorkflow.manual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.testkit.TestWorkflow;
import dev.cadre.plugins.evidence.cycle.EvidenceStage;
import dev.cadre.plugins.planning.cycle.PlanningStage;
import dev.cadre.plugins.planning.cycle.SampleFiles;
import dev.cadre.plugins.planning.cycle.SampleFiles.Discrepancy;
import dev.cadre.plugins.planning.cycle.TemplateConfig;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import dev.cadre.plugins.testing.cycle.TestingStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole test cycle over the shipped samples, in memory: planning, evidence, testing, reporting for
 * the three owners. The final report's observations must list exactly the planted discrepancies.
 */
class SampleCycleTest {

    @Test
    void finalReportListsExactlyThePlantedDiscrepancies() throws Exception {
        TestWorkflow run = PlanningStage.newRun();
        PlanningStage.run(run);
        TestingStage.run(run, EvidenceStage.run(run));
        run.run("Finalize Test Report", "GENERATE_REPORT_SECTIONS", new GenerateReportSectionsHandler(),
                TemplateConfig.of("GENERATE_REPORT_SECTIONS"));
        run.complete("REVIEW_REPORT", manual("APPROVED", "reviewer", Map.of()));
        run.run("Finalize Test Report", "GENERATE_FINAL_REPORT", new GenerateFinalReportHandler(),
                TemplateConfig.of("GENERATE_FINAL_REPORT"));

        Map<String, Object> report = Values.asMap(Json.parse("final-report.json",
                run.artifacts().text("final-report.json")), "final-report.json");
        List<Discrepancy> reported = new ArrayList<>();
        for (Map<String, Object> observation : Values.maps(report, "observations", "final-report.json")) {
            for (Map<String, Object> f : Values.maps(observation, "failures", "observation")) {
                reported.add(new Discrepancy((String) f.get("document"), (String) f.get("sampleId"),
                        (String) f.get("attribute"), (String) f.get("reportValue"), (String) f.get("evidenceValue")));
            }
        }
        List<Discrepancy> planted = SampleFiles.planted();
        reported.sort(null);
        planted.sort(null);
        assertEquals(planted, reported);

        Map<String, Object> output = run.output("GENERATE_FINAL_REPORT");
        assertEquals(List.of("final-report.html", "final-report.md", "final-report.json"), output.get("artifacts"));
        assertEquals(9, output.get("observationCount"));
        for (Discrepancy d : planted) {
            assertTrue(run.artifacts().text("final-report.html").contains(d.sampleId()), d + " in the HTML report");
            assertTrue(run.artifacts().text("final-report.md").contains(d.sampleId()), d + " in the Markdown report");
        }
    }
}
