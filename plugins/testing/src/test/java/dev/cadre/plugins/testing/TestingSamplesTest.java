package dev.cadre.plugins.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.plugin.testkit.TestWorkflow;
import dev.cadre.plugins.evidence.cycle.EvidenceStage;
import dev.cadre.plugins.planning.cycle.PlanningStage;
import dev.cadre.plugins.planning.cycle.SampleFiles;
import dev.cadre.plugins.planning.cycle.SampleFiles.Discrepancy;
import dev.cadre.plugins.support.Csv;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.testing.cycle.TestingStage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Phases 1-8 over the shipped samples: the failed tests are exactly the planted discrepancies. */
class TestingSamplesTest {

    @Test
    void failedTestsAreExactlyThePlantedDiscrepancies() throws Exception {
        TestWorkflow run = PlanningStage.newRun();
        PlanningStage.run(run);
        TestingStage.run(run, EvidenceStage.run(run));

        List<Discrepancy> failed = new ArrayList<>();
        for (String document : run.instanceOutputs("EXECUTE_TESTS").keySet()) {
            CsvTable results = Csv.parse(document, run.artifacts().text("test-results/" + document + ".csv"));
            for (int row = 0; row < results.size(); row++) {
                if (results.get(row, "result").equals("FAIL")) {
                    failed.add(new Discrepancy(document, results.get(row, "sample_id"), results.get(row, "attribute"),
                            results.get(row, "report_value"), results.get(row, "evidence_value")));
                }
            }
        }
        List<Discrepancy> planted = SampleFiles.planted();
        failed.sort(null);
        planted.sort(null);
        assertEquals(planted, failed);
        int observations = run.instanceOutputs("CREATE_OBSERVATIONS").values().stream()
                .mapToInt(o -> (Integer) o.get("observationCount")).sum();
        assertEquals(9, observations, "one per document and failing attribute");
    }
}
