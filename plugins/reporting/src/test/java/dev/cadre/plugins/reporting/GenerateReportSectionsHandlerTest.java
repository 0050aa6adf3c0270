package dev.cadre.plugins.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateReportSectionsHandlerTest extends ActivityHandlerContract {

    static final String OBSERVATIONS = Json.write(Json.object("document", "ops/ledger", "observations", List.of(
            Json.object("id", "ops/ledger/amount", "document", "ops/ledger", "owner", "ops", "attribute", "amount",
                    "severity", "HIGH", "tested", 2L, "failureCount", 1L, "failures", List.of(
                            Json.object("sampleId", "ID-1", "reportValue", "1.00", "evidenceValue", "2.00", "detail", "differs by 1"))))));

    @Override
    protected ActivityHandler handler() {
        return new GenerateReportSectionsHandler();
    }

    @Override
    protected TestActivityContext context() {
        return TestActivityContext.builder().activityCode("GENERATE_REPORT_SECTIONS").businessKey("R-1")
                .parameter("reportingPeriod", "2026-Q3")
                .output("DATA_PROFILING", Map.of("rows", 10L, "anomalyCount", 1L, "anomalies", List.of("amount: 1 value(s) not of type decimal")))
                .output("EXECUTE_SCOPING", Map.of("inScope", List.of("id", "amount"), "inScopeByOwner", Map.of("ops", List.of("id", "amount"))))
                .output("GENERATE_SAMPLES", Map.of("seed", 7L, "samplesPerOwner", 2L, "samples", Map.of("ops", List.of("ID-1", "ID-2")),
                        "distinctSamples", 2L))
                .instanceOutput("VALIDATE_DATA_UPLOAD", "ops", Map.of("artifact", "evidence/ops.csv", "sha256", "ab",
                        "documents", List.of("ops/ledger", "ops/memo")))
                .instanceOutput("EXECUTE_TESTS", "ops/ledger", Map.of("tested", 4L, "passed", 3L, "failed", 1L))
                .instanceOutput("EXECUTE_TESTS", "ops/memo", Map.of("tested", 2L, "passed", 2L, "failed", 0L))
                .instanceOutput("CREATE_OBSERVATIONS", "ops/ledger", Map.of("observationCount", 1L, "artifact", "observations/ops/ledger.json"))
                .instanceOutput("CREATE_OBSERVATIONS", "ops/memo", Map.of("observationCount", 0L, "artifact", "observations/ops/memo.json"))
                .artifact("observations/ops/ledger.json", "application/json", OBSERVATIONS)
                .artifact("observations/ops/memo.json", "application/json",
                        Json.write(Json.object("document", "ops/memo", "observations", List.of())))
                .build();
    }

    @Test
    void gathersEveryInstance() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(List.of("scope", "samples", "evidence", "testing", "observations"), output.get("sections"));
        assertEquals(6L, output.get("tested"));
        assertEquals(1L, output.get("failed"));
        assertEquals(1, output.get("observationCount"));
        Map<String, Object> sections = Values.asMap(Json.parse("s", context.artifacts().text("report/sections.json")), "s");
        Map<String, Object> summary = Values.map(sections, "summary", "s");
        assertEquals(2L, summary.get("documents"));
        assertEquals(5L, summary.get("passed"));
        assertEquals(Map.of("HIGH", 1L, "MEDIUM", 0L, "LOW", 0L), summary.get("observationsBySeverity"));
        assertEquals("2026-Q3", sections.get("reportingPeriod"));
        Map<String, Object> observed = Values.maps(sections, "sections", "s").get(4);
        assertEquals("ID-1", Values.maps(Values.maps(observed, "observations", "o").get(0), "failures", "f").get(0).get("sampleId"));
    }
}
