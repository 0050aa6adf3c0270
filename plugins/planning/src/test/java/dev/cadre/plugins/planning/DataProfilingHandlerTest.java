package dev.cadre.plugins.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataProfilingHandlerTest extends ActivityHandlerContract {

    @Override
    protected ActivityHandler handler() {
        return new DataProfilingHandler();
    }

    @Override
    protected TestActivityContext context() {
        return TestActivityContext.builder().activityCode("DATA_PROFILING")
                .config("reportArtifact", "report.csv").config("maxNullRate", 0.2)
                .artifact("attributes.json", "application/json", Fixtures.ATTRIBUTES_JSON)
                .artifact("report.csv", "text/csv", Fixtures.REPORT).build();
    }

    @Test
    void findsEveryPlantedAnomaly() throws Exception {
        Map<String, Object> output = handler().execute(context()).output();

        assertEquals(10, output.get("rows"));
        assertEquals(4, output.get("anomalyCount"));
        assertEquals(List.of(
                "id: 1 duplicate key(s)",
                "amount: 1 value(s) not of type decimal",
                "code: 1 value(s) not matching [A-C]",
                "note: null rate 0.3 above 0.2"), output.get("anomalies"));
        assertEquals(List.of("id", "amount", "code", "note"), output.get("anomalousAttributes"));
    }

    /** A pattern from a person's data dictionary that backtracks catastrophically in java.util.regex (2^40 steps here). */
    @Test
    void aCatastrophicBacktrackingPatternEndsAtOnce() {
        String attributes = Json.write(Json.object("attributes", List.of(
                Fixtures.attribute("id", "string", true, true, "ops", ""),
                Fixtures.attribute("code", "string", false, false, "ops", "(a+)+b"))));
        String report = "id,code\nID-1," + "a".repeat(40) + "\nID-2,aab\n";
        TestActivityContext context = TestActivityContext.builder().activityCode("DATA_PROFILING")
                .config("reportArtifact", "report.csv").config("maxNullRate", 0.2)
                .artifact("attributes.json", "application/json", attributes)
                .artifact("report.csv", "text/csv", report).build();
        // before: java.util.regex pinned the worker until the step's timeout; RE2J is linear in the value
        Map<String, Object> output = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> handler().execute(context).output());
        assertEquals(List.of("code: 1 value(s) not matching (a+)+b"), output.get("anomalies"));
    }

    @Test
    void profilesEachColumn() throws Exception {
        TestActivityContext context = context();
        handler().execute(context);
        Map<String, Object> profiling = Fixtures.json(context.artifacts().text("profiling.json"));
        List<Map<String, Object>> columns = Values.maps(profiling, "columns", "profiling");

        Map<String, Object> amount = columns.get(1);
        assertEquals(0L, amount.get("nulls"));
        assertEquals(10L, amount.get("distinct"));
        assertEquals("-3", amount.get("min"), "numeric order, not text order");
        assertEquals("100", amount.get("max"));
        assertEquals(1L, amount.get("typeViolations"));
        Map<String, Object> opened = columns.get(4);
        assertEquals("2023-12-31", opened.get("min"));
        assertEquals("2024-03-02", opened.get("max"));
        assertEquals(0.3, columns.get(3).get("nullRate"));
        Map<String, Object> duplicate = Values.maps(profiling, "anomalies", "profiling").get(0);
        assertEquals(List.of(11L), duplicate.get("lines"), "the duplicate is on line 11");
    }
}
