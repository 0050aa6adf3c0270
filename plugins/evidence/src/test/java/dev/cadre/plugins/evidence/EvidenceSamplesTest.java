package dev.cadre.plugins.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.testkit.TestWorkflow;
import dev.cadre.plugins.evidence.cycle.EvidenceStage;
import dev.cadre.plugins.planning.cycle.PlanningStage;
import dev.cadre.plugins.planning.cycle.SampleFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Phases 1-6 over the shipped samples: every owner's evidence validates, and lists the planted discrepancies' documents. */
class EvidenceSamplesTest {

    @Test
    void theShippedEvidenceValidates() throws Exception {
        TestWorkflow run = PlanningStage.newRun();
        PlanningStage.run(run);
        List<String> documents = EvidenceStage.run(run);

        assertEquals(List.of("credit-risk/risk-rating-extract", "loan-origination/loan-agreement",
                "loan-origination/branch-register", "loan-servicing/servicing-ledger", "loan-servicing/rate-schedule"), documents);
        run.instanceOutputs("VALIDATE_DATA_UPLOAD").forEach((owner, output) -> {
            assertEquals(true, output.get("checksumVerified"), owner);
            assertEquals(List.of(), output.get("uncovered"), owner);
        });
        SampleFiles.planted().forEach(d -> assertTrue(documents.contains(d.document()), d.toString()));
    }
}
