package dev.cadre.plugins.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecuteScopingHandlerTest extends ActivityHandlerContract {

    @Override
    protected ActivityHandler handler() {
        return new ExecuteScopingHandler();
    }

    @Override
    protected TestActivityContext context() {
        String profiling = Json.write(Json.object("anomalies", List.of(
                Json.object("attribute", "opened", "rule", "TYPE"),
                Json.object("attribute", "amount", "rule", "PATTERN"),
                Json.object("attribute", "extra", "rule", "UNDOCUMENTED_COLUMN"))));
        return TestActivityContext.builder().activityCode("EXECUTE_SCOPING")
                .artifact("attributes.json", "application/json", Fixtures.ATTRIBUTES_JSON)
                .artifact("profiling.json", "application/json", profiling).build();
    }

    @Test
    void scopesKeysCdesAndAnomalies() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(List.of("id", "amount", "opened"), output.get("inScope"), "code and note are neither");
        assertEquals(3, output.get("inScopeCount"));
        assertEquals(Map.of("finance", List.of("amount"), "ops", List.of("id", "opened")), output.get("inScopeByOwner"));
        assertEquals(List.of("extra"), output.get("unscopedAnomalies"));
        assertEquals("id", output.get("keyAttribute"));
        assertEquals(List.of("cde", "profiling"), ((Map<?, ?>) ((List<?>) Fixtures.json(context.artifacts().text("scope.json"))
                .get("attributes")).get(1)).get("reasons"));
    }
}
