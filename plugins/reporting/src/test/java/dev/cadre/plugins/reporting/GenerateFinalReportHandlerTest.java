package dev.cadre.plugins.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.testkit.ActivityHandlerContract;
import dev.cadre.plugin.testkit.TestActivityContext;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateFinalReportHandlerTest extends ActivityHandlerContract {

    /** Values from uploads end up in the report: one of them tries to inject markup. */
    static final String SECTIONS = Json.write(Json.object("title", "Test report R-1", "businessKey", "R-1",
            "reportingPeriod", "2026-Q3", "summary", Json.object("tested", 6L, "failed", 1L, "attributesInScope", 2L),
            "sections", List.of(
                    Json.object("id", "scope", "inScope", List.of("id", "note")),
                    Json.object("id", "samples", "seed", 7L, "samplesPerOwner", 2L),
                    Json.object("id", "testing", "documents", List.of(Json.object("document", "ops/ledger", "tested", 6L,
                            "passed", 5L, "failed", 1L))),
                    Json.object("id", "observations", "observations", List.of(Json.object("id", "ops/ledger/note",
                            "document", "ops/ledger", "owner", "ops", "attribute", "note", "severity", "LOW", "tested", 6L,
                            "failureCount", 1L, "failures", List.of(Json.object("sampleId", "ID-1",
                                    "reportValue", "<script>alert(1)</script>", "evidenceValue", "a|b", "detail", "values differ"))))))));

    @Override
    protected ActivityHandler handler() {
        return new GenerateFinalReportHandler();
    }

    @Override
    protected TestActivityContext context() {
        return TestActivityContext.builder().activityCode("GENERATE_FINAL_REPORT")
                .config("formats", List.of("html", "markdown"))
                .artifact("report/sections.json", "application/json", SECTIONS).build();
    }

    @Test
    void writesEveryFormatWithEscapedValues() throws Exception {
        TestActivityContext context = context();
        Map<String, Object> output = handler().execute(context).output();

        assertEquals(List.of("final-report.html", "final-report.md", "final-report.json"), output.get("artifacts"));
        assertEquals(1, output.get("observationCount"));
        @SuppressWarnings("unchecked")
        Map<String, Object> used = (Map<String, Object>) output.get("usedArtifacts");
        assertEquals(List.of("report/sections.json", "final-report.html", "final-report.md", "final-report.json"),
                List.copyOf(used.keySet()), "what the report consists of, kept write-once by the host");
        assertEquals(context.artifacts().digests().get("final-report.json"), used.get("final-report.json"));
        String html = context.artifacts().text("final-report.html");
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("<h3>ops/ledger/note <span class=\"LOW\">LOW</span></h3>"));
        String markdown = context.artifacts().text("final-report.md");
        assertTrue(markdown.contains("| ID-1 | \\<script\\>alert\\(1\\)\\</script\\> | a\\|b | values differ |"), markdown);
        assertEquals("text/markdown", context.artifacts().get("final-report.md").orElseThrow().contentType());
        assertTrue(markdown.contains("| Attributes in scope | 2 |"), "summary keys read as words: " + markdown);
        assertTrue(html.contains("<tr><th>Attributes in scope</th><td>2</td></tr>"), html);

        Map<String, Object> json = Values.asMap(Json.parse("j", context.artifacts().text("final-report.json")), "j");
        Map<String, Object> failure = Values.maps(Values.maps(json, "observations", "j").get(0), "failures", "f").get(0);
        assertEquals(Map.of("sampleId", "ID-1", "attribute", "note", "document", "ops/ledger",
                "reportValue", "<script>alert(1)</script>", "evidenceValue", "a|b", "detail", "values differ"), failure);
    }

    @Test
    void writesOnlyTheConfiguredFormatsAndAlwaysJson() throws Exception {
        TestActivityContext context = context().toBuilder().config("formats", List.of("markdown")).build();
        assertEquals(List.of("final-report.md", "final-report.json"), handler().execute(context).output().get("artifacts"));
        assertTrue(context.artifacts().get("final-report.html").isEmpty());
    }

    @Test
    void rejectsAnUnknownFormat() {
        TestActivityContext context = context().toBuilder().config("formats", List.of("pdf")).build();
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> handler().execute(context));
        assertEquals("config: unknown report format 'pdf'; use html or markdown", failure.getMessage());
    }
}
