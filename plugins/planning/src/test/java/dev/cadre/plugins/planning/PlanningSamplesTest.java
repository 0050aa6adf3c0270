package dev.cadre.plugins.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.testkit.TestWorkflow;
import dev.cadre.plugins.planning.cycle.PlanningStage;
import dev.cadre.plugins.planning.cycle.SampleFiles;
import dev.cadre.plugins.support.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phases 1-5 over the shipped samples: the planted anomalies are found, and the answer key is reachable. */
class PlanningSamplesTest {

    @Test
    void planningOnTheSamplesScopesAndSamplesEveryPlantedDiscrepancy() throws Exception {
        TestWorkflow run = PlanningStage.newRun();
        PlanningStage.run(run);

        assertEquals(List.of("branch_code", "collateral_value"),
                run.output("DATA_PROFILING").get("anomalousAttributes"));
        Map<String, Object> samples = Values.map(run.output("GENERATE_SAMPLES"), "samples", "samples");
        assertEquals(SampleFiles.owners(), List.copyOf(samples.keySet()));
        assertEquals(30, run.output("GENERATE_SAMPLES").get("sampleCount"));
        List<String> inScope = Values.strings(run.output("EXECUTE_SCOPING"), "inScope", "scope");
        for (SampleFiles.Discrepancy d : SampleFiles.planted()) {
            String owner = d.document().substring(0, d.document().indexOf('/'));
            assertTrue(Values.strings(samples, owner, "samples").contains(d.sampleId()), d + " is on a sampled loan");
            assertTrue(inScope.contains(d.attribute()), d + " is on an in-scope attribute");
        }
    }
}
