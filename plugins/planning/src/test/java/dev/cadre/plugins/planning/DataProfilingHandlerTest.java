package dev.cadre.plugins.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Values;
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
