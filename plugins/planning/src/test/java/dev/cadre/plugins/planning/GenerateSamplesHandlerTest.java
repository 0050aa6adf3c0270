package dev.cadre.plugins.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateSamplesHandlerTest extends ActivityHandlerContract {

    @Override
    protected ActivityHandler handler() {
        return new GenerateSamplesHandler();
    }

    @Override
    protected TestActivityContext context() {
        return builder().parameter("sampleSeed", 42L).build();
    }

    private static TestActivityContext.Builder builder() {
        StringBuilder report = new StringBuilder("id,amount,code,note,opened\n");
        for (int i = 1; i <= 40; i++) {
            report.append(String.format("ID-%03d,%d,A,,2024-01-01%n", i, i));
        }
        report.append("ID-040,1,A,,2024-01-01\n,2,A,,2024-01-01\n"); // a duplicate and an empty key: never sampled
        return TestActivityContext.builder().activityCode("GENERATE_SAMPLES").businessKey("REPORT-1")
                .config("samplesPerOwner", 5L)
                .output("EXECUTE_SCOPING", Map.of("inScopeByOwner",
                        Map.of("ops", List.of("id", "opened"), "finance", List.of("amount"), "keys-only", List.of("id"))))
                .artifact("attributes.json", "application/json", Fixtures.ATTRIBUTES_JSON)
                .artifact("report.csv", "text/csv", report.toString());
    }

    @Test
    void drawsAStratifiedReproducibleSample() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(42L, output.get("seed"));
        assertEquals("parameters.sampleSeed", output.get("seedSource"));
        assertEquals(List.of("finance", "ops"), output.get("owners"), "an owner of nothing but the key has nothing to test");
        Map<?, ?> samples = (Map<?, ?>) output.get("samples");
        for (Object ids : samples.values()) {
            List<?> list = (List<?>) ids;
            assertEquals(5, new HashSet<>(list).size());
            assertEquals(list.stream().sorted().toList(), list, "sorted");
            assertFalse(list.contains("ID-040"), "duplicated keys are left out");
            assertFalse(list.contains(""), "empty keys are left out");
        }
        assertEquals(10, output.get("sampleCount"));
        assertEquals(11, context.artifacts().text("samples.csv").lines().count());
        assertTrue(context.artifacts().text("samples.csv").startsWith("owner,sample_id,report_line\nfinance,ID-"));
    }

    @Test
    void theSeedDecidesTheSample() throws Exception {
        Object byBusinessKey = handler().execute(builder().build()).output().get("samples");
        Object otherBusinessKey = handler().execute(builder().businessKey("REPORT-2").build()).output().get("samples");
        Object seeded = handler().execute(builder().parameter("sampleSeed", 7.0).build()).output().get("samples");
        Object seededAgain = handler().execute(builder().parameter("sampleSeed", 7L).build()).output().get("samples");
        assertNotEquals(byBusinessKey, otherBusinessKey);
        assertEquals(seeded, seededAgain, "7.0 and 7 are the same seed");
        assertNotEquals(byBusinessKey, seeded);
    }

    @Test
    void selectorTakesEveryoneFromASmallPopulationAndKeepsOwnersIndependent() {
        assertEquals(Map.of("a", List.of("x", "y")), SampleSelector.select(List.of("y", "x"), List.of("a"), 1, 5));
        List<String> population = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            population.add("K" + i);
        }
        var alone = SampleSelector.select(population, List.of("b"), 9, 10);
        var together = SampleSelector.select(population, List.of("a", "b"), 9, 10);
        assertEquals(alone.get("b"), together.get("b"));
        assertNotEquals(together.get("a"), together.get("b"));
    }
}
