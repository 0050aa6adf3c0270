package dev.cadre.plugins.evidence;

import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.DataRequest;
import dev.cadre.plugin.api.ActivityResult;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendDataRequestHandlerTest extends ActivityHandlerContract {

    @Override
    protected ActivityHandler handler() {
        return new SendDataRequestHandler();
    }

    @Override
    protected TestActivityContext context() {
        return builder().instance("ops").build();
    }

    static TestActivityContext.Builder builder() {
        return TestActivityContext.builder().activityCode("SEND_DATA_REQUEST").parameter("reportingPeriod", "2026-Q3")
                .output("EXECUTE_SCOPING", Map.of("keyAttribute", "id",
                        "inScopeByOwner", Map.of("ops", List.of("id", "opened", "code"), "finance", List.of("amount"))))
                .output("GENERATE_SAMPLES", Map.of("samples", Map.of("ops", List.of("ID-002", "ID-007"), "finance", List.of("ID-001"))));
    }

    @Test
    void requestsTheOwnersSamplesAndAttributes() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(Map.of("owner", "ops", "sampleCount", 2, "attributeCount", 2, "attributes", List.of("opened", "code"),
                "request", "requests/ops.json", "template", "requests/ops.csv", "evidenceArtifact", "evidence/ops.csv"), output);
        assertEquals("document,id,opened,code\n,ID-002,,\n,ID-007,,\n", context.artifacts().text("requests/ops.csv"));
        Map<String, Object> request = Values.asMap(Json.parse("r", context.artifacts().text("requests/ops.json")), "r");
        assertEquals(List.of("ID-002", "ID-007"), request.get("sampleIds"));
        assertEquals(List.of("document", "id", "opened", "code"), request.get("columns"));
        assertEquals("2026-Q3", request.get("reportingPeriod"));
    }

    @Test
    void anOwnerWithoutSamplesGetsAnEmptyRequest() throws Exception {
        Map<String, Object> output = handler().execute(builder().instance("legal").build()).output();
        assertEquals(0, output.get("sampleCount"));
        assertEquals(0, output.get("attributeCount"));
    }

    @Test
    void runsOnlyAsAnInstance() {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(builder().build()));
        assertEquals("InvalidInput", failure.type());
    }

    @Test
    void rollbackWithdrawsTheRequestUntilItIsSentAgain() throws Exception {
        TestActivityContext context = context();
        ActivityResult result = handler().execute(context);
        assertEquals("OPEN", Values.asMap(Json.parse("r", context.artifacts().text("requests/ops.json")), "r").get("status"));
        handler().compensate(context, result);

        Map<String, Object> request = Values.asMap(Json.parse("r", context.artifacts().text("requests/ops.json")), "r");
        assertEquals("WITHDRAWN", request.get("status"), "the owner sees the request withdrawn");
        assertTrue(request.get("instructions").toString().startsWith("This request was withdrawn"), request.toString());
        assertTrue(request.containsKey("withdrawnAt") && request.containsKey("withdrawnReason"), request.toString());
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> DataRequest.load(context, "ops"));
        assertEquals("Withdrawn", failure.type(), "validation and testing refuse a withdrawn request");
        assertEquals("Voided", assertThrows(ActivityFailure.class, () -> Inputs.csv(context, "requests/ops.csv", "t")).type(),
                "the fill-in template is void");

        handler().execute(context);
        assertEquals(List.of("ID-002", "ID-007"), DataRequest.load(context, "ops").sampleIds(), "sent again, the request is open");
        assertEquals(2, Inputs.csv(context, "requests/ops.csv", "t").size());
    }
}
