package dev.cadre.plugins.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.RunStep;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The final report's sign-off trail, owners' responses and provenance equal the run's records. */
class SignOffTrailTest {

    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** The run's records: manual steps in every state, automated steps with their handler sources. */
    static final List<RunStep> STEPS = List.of(
            step("PLANNING_START", "Start planning", "START", false, "Planning", "", "COMPLETED", null, null, "builtin"),
            step("REVIEW_ATTRIBUTES", "Review attributes", "REVIEW", true, "Planning", "", "COMPLETED", "rita.reviewer",
                    "<b>looks fine</b> & complete", "builtin"),
            step("APPROVE_PLANNING", "Approve planning", "APPROVAL", true, "Planning", "", "COMPLETED", "alex.approver", "ok", "builtin"),
            step("GENERATE_ATTRIBUTES", "Generate test attributes", "TASK", false, "Planning", "", "COMPLETED", null, null,
                    "planning@1.0.0"),
            step("REVIEW_PROFILING_RESULTS", "Review profiling results", "REVIEW", true, "Data Profiling", "", "SKIPPED", null,
                    null, null),
            step("UPLOAD_EVIDENCE", "Upload evidence", "TASK", true, "Request for Information", "ops", "COMPLETED", "ops.owner",
                    "uploaded", "builtin"),
            step("UPLOAD_EVIDENCE", "Upload evidence", "TASK", true, "Request for Information", "finance", "COMPLETED",
                    "finance.owner", null, "builtin"),
            step("VALIDATE_DATA_UPLOAD", "Validate uploaded evidence", "TASK", false, "Request for Information", "ops",
                    "COMPLETED", null, null, "evidence@1.0.0"),
            step("DATA_OWNER_RESPONSE", "Data owner response", "TASK", true, "Observation Management", "ops/ledger", "COMPLETED",
                    "ops.owner", "will fix by <Q4>", "builtin"),
            step("REVIEW_REPORT", "Review report", "REVIEW", true, "Finalize Test Report", "", "COMPLETED", "rita.reviewer",
                    "ready", "builtin"),
            step("GENERATE_FINAL_REPORT", "Generate final report", "TASK", false, "Finalize Test Report", "", "RUNNING", null,
                    null, "reporting@1.0.0"),
            step("SIGN_OFF_REPORT", "Sign off report", "APPROVAL", true, "Finalize Test Report", "", "PENDING", null, null, null));

    static RunStep step(String code, String name, String type, boolean manual, String phase, String instance, String status,
                        String by, String comment, String handler) {
        boolean done = status.equals("COMPLETED");
        String outcome = manual && done ? (type.equals("TASK") ? "DONE" : "APPROVED") : null;
        return new RunStep(code, name, type, manual, phase, instance, status, outcome, by,
                done ? "2026-11-26T10:" + (10 + code.length()) + ":00Z" : null, comment, handler);
    }

    static TestActivityContext context() {
        String sections = Json.write(Json.object("title", "Test report R-1", "businessKey", "R-1", "summary", Json.object(),
                "sections", List.of(
                        Json.object("id", "evidence", "owners", List.of(Json.object("owner", "ops", "artifact", "evidence/ops.csv",
                                "sha256", SHA, "documents", List.of("ops/ledger")))),
                        Json.object("id", "testing", "documents", List.of()),
                        Json.object("id", "observations", "observations", List.of(
                                Json.object("id", "ops/ledger/note", "document", "ops/ledger", "owner", "ops", "attribute", "note",
                                        "severity", "LOW", "tested", 6L, "failureCount", 1L, "failures", List.of()),
                                Json.object("id", "finance/core/amount", "document", "finance/core", "owner", "finance",
                                        "attribute", "amount", "severity", "HIGH", "tested", 6L, "failureCount", 2L,
                                        "failures", List.of()))))));
        TestActivityContext.Builder builder = TestActivityContext.builder().activityCode("GENERATE_FINAL_REPORT")
                .template("test-cycle", 2)
                .artifact("report/sections.json", "application/json", sections)
                .instanceOutput("DATA_OWNER_RESPONSE", "ops/ledger", Json.object("outcome", "DONE", "completedBy", "ops.owner",
                        "comment", "will fix by <Q4>", "data", Json.object("rootCause", "manual <keying>", "remediationDue", "2026-12-31")));
        STEPS.forEach(builder::step);
        return builder.build();
    }

    @Test
    void signOffsAreExactlyTheCompletedManualSteps() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = new GenerateFinalReportHandler().execute(context).output();
        Map<String, Object> report = Values.asMap(Json.parse("j", context.artifacts().text("final-report.json")), "j");

        List<Map<String, Object>> expected = new ArrayList<>();
        for (RunStep s : STEPS) {
            if (s.manual() && s.status().equals("COMPLETED")) {
                expected.add(Json.object("activity", s.activityCode(), "name", s.activityName(), "phase", s.phase(),
                        "instance", s.instanceKey(), "outcome", s.outcome(), "completedBy", s.completedBy(),
                        "completedAt", s.completedAt(), "comment", s.comment(), "round", (long) s.round()));
            }
        }
        assertEquals(6, expected.size());
        assertEquals(expected, report.get("signOffs"), "every completed manual step, exactly once, in the run's order");
        assertEquals(6, output.get("signOffCount"));
        assertEquals(Map.of("code", "test-cycle", "version", 2L), report.get("template"));
        assertEquals(List.of(Map.of("source", "builtin", "activities", List.of("PLANNING_START", "REVIEW_ATTRIBUTES",
                        "APPROVE_PLANNING", "UPLOAD_EVIDENCE", "DATA_OWNER_RESPONSE", "REVIEW_REPORT")),
                Map.of("source", "planning@1.0.0", "activities", List.of("GENERATE_ATTRIBUTES")),
                Map.of("source", "evidence@1.0.0", "activities", List.of("VALIDATE_DATA_UPLOAD")),
                Map.of("source", "reporting@1.0.0", "activities", List.of("GENERATE_FINAL_REPORT"))), report.get("handlers"));
        assertEquals(List.of(Map.of("owner", "ops", "artifact", "evidence/ops.csv", "sha256", SHA)), report.get("evidence"));
    }

    @Test
    void everyRoundOfAStepSentBackForReworkIsInTheTrail() throws Exception {
        TestActivityContext.Builder builder = TestActivityContext.builder().activityCode("GENERATE_FINAL_REPORT").template("test-cycle", 2)
                .artifact("report/sections.json", "application/json", Json.write(Json.object("title", "Test report R-2", "businessKey", "R-2",
                        "summary", Json.object(), "sections", List.of())));
        builder.step(new RunStep("REVIEW_ATTRIBUTES", "Review attributes", "REVIEW", true, "Planning", "", "COMPLETED", "REWORK",
                "rita.reviewer", "2026-11-26T10:00:00Z", "use the <Q3> dictionary", "builtin", 1));
        builder.step(new RunStep("REVIEW_ATTRIBUTES", "Review attributes", "REVIEW", true, "Planning", "", "COMPLETED", "APPROVED",
                "rita.reviewer", "2026-11-26T11:00:00Z", "fine now", "builtin", 2));
        TestActivityContext context = builder.build();
        new GenerateFinalReportHandler().execute(context);
        Map<String, Object> report = Values.asMap(Json.parse("j", context.artifacts().text("final-report.json")), "j");

        List<Map<String, Object>> signOffs = Values.maps(report, "signOffs", "j");
        assertEquals(List.of("1:REWORK:use the <Q3> dictionary", "2:APPROVED:fine now"),
                signOffs.stream().map(s -> s.get("round") + ":" + s.get("outcome") + ":" + s.get("comment")).toList());
        String html = context.artifacts().text("final-report.html");
        assertTrue(html.contains("REVIEW_ATTRIBUTES, round 2</small>"), html);
    }

    @Test
    void everyObservationCarriesItsOwnersResponses() throws Exception {
        TestActivityContext context = context();
        new GenerateFinalReportHandler().execute(context);
        Map<String, Object> report = Values.asMap(Json.parse("j", context.artifacts().text("final-report.json")), "j");
        List<Map<String, Object>> observations = Values.maps(report, "observations", "j");

        assertEquals(List.of(Map.of("owner", "ops", "completedBy", "ops.owner", "completedAt", "2026-11-26T10:29:00Z",
                "comment", "will fix by <Q4>", "data", Map.of("rootCause", "manual <keying>", "remediationDue", "2026-12-31"))),
                observations.get(0).get("responses"));
        assertEquals(List.of(), observations.get(1).get("responses"), "finance gave no response on finance/core");
    }

    @Test
    void htmlAndMarkdownShowTheTrailEscaped() throws Exception {
        TestActivityContext context = context();
        new GenerateFinalReportHandler().execute(context);
        String html = context.artifacts().text("final-report.html");

        assertTrue(html.contains("<h2 id=\"sign-offs\">Sign-off trail</h2>"), html);
        assertTrue(html.contains("<tr><th colspan=\"6\" class=\"phase\">Request for Information</th></tr>"), html);
        assertTrue(html.contains("<td>rita.reviewer</td><td>2026-11-26T10:27:00Z</td><td>&lt;b&gt;looks fine&lt;/b&gt; &amp; complete</td>"),
                html);
        assertFalse(html.contains("<b>looks fine") || html.contains("<Q4>") || html.contains("<keying>"), "no value is markup");
        assertTrue(html.contains("<td>ops.owner</td><td>2026-11-26T10:29:00Z</td><td>will fix by &lt;Q4&gt;</td>"
                + "<td>rootCause: manual &lt;keying&gt;, remediationDue: 2026-12-31</td>"), html);
        assertTrue(html.indexOf("will fix by") > html.indexOf("ops/ledger/note") && html.indexOf("will fix by") < html.indexOf("finance/core/amount"),
                "the response follows its observation");
        assertTrue(html.contains("No response from the data owner recorded."), html);
        assertTrue(html.contains("Template test-cycle version 2") && html.contains("<td>evidence@1.0.0</td>")
                && html.contains("<code>" + SHA + "</code>"), html);
        assertFalse(html.contains("SIGN_OFF_REPORT"), "the pending sign-off is not in the trail");

        String markdown = context.artifacts().text("final-report.md");
        assertTrue(markdown.contains("## Sign-off trail\n\n6 manual steps completed before this report was generated"), markdown);
        assertTrue(markdown.contains("### Planning\n\n| Activity | Instance | Outcome | Completed by | Completed at | Comment |"), markdown);
        assertTrue(markdown.contains("| Approve planning (APPROVE\\_PLANNING) |  | APPROVED | alex.approver | 2026-11-26T10:26:00Z | ok |"),
                markdown);
        assertTrue(markdown.contains("| ops | ops.owner | 2026-11-26T10:29:00Z | will fix by \\<Q4\\> |"), markdown);
        assertTrue(markdown.contains("| ops | evidence/ops.csv | " + SHA + " |"), markdown);
    }

    @Test
    void rollbackVoidsTheWholeReportUntilItIsWrittenAgain() throws Exception {
        TestActivityContext context = context();
        GenerateFinalReportHandler handler = new GenerateFinalReportHandler();
        ActivityResult result = handler.execute(context);
        handler.compensate(context, result);

        for (String name : List.of("final-report.html", "final-report.md", "final-report.json")) {
            Map<String, Object> marker = Values.asMap(Json.parse("m", context.artifacts().text(name + ".void.json")), "m");
            assertEquals(true, marker.get("void"), name + " is void");
            assertEquals("GENERATE_FINAL_REPORT", marker.get("by"));
        }
        handler.execute(context);
        for (String name : List.of("final-report.html", "final-report.md", "final-report.json")) {
            assertEquals(false, Values.asMap(Json.parse("m", context.artifacts().text(name + ".void.json")), "m").get("void"),
                    name + " written again is valid again");
        }
    }
}
