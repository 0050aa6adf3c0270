package dev.cadre.platform.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateDocumentsTest {

    static final Path TEST_CYCLE = Path.of("../distribution/src/main/templates/test-cycle.json");

    private final TemplateDocuments documents = new TemplateDocuments();

    static String testCycleJson() throws Exception {
        return Files.readString(TEST_CYCLE);
    }

    @Test
    void testCycleDocumentReadsAndWritesBackIdentically() throws Exception {
        String json = testCycleJson();
        Template template = documents.read(json);
        assertEquals(9, template.phases().size());
        assertEquals(49, template.activities().size());
        assertEquals(json, documents.write(template));
    }

    @Test
    void retryPolicyFieldsLeftOutTakeTheDefaults() {
        Template template = documents.read("""
                {"code": "short", "name": "Short", "version": 1, "phases": [{"name": "P", "order": 1, "executionMode": "sequential",
                  "activities": [{"code": "A", "name": "A", "type": "TASK", "manual": false, "handler": "H", "executionMode": "sequential",
                                  "timeoutSeconds": 60, "retryPolicy": {"maximumAttempts": 5}}]}]}""");
        RetryPolicy policy = template.activities().get(0).retryPolicy();
        assertEquals(new RetryPolicy(5, RetryPolicy.DEFAULT.initialIntervalSeconds(), RetryPolicy.DEFAULT.backoffCoefficient(),
                RetryPolicy.DEFAULT.maximumIntervalSeconds(), java.util.List.of()), policy);
    }

    @Test
    void truncatedJsonIsMalformedWithItsPlace() {
        InvalidTemplateException e = assertThrows(InvalidTemplateException.class, () -> documents.read("{\"code\": \"x\", \"phases\": [\n"));
        Problem problem = e.report().problems().get(0);
        assertTrue(problem.message().startsWith("malformed JSON at line 2, column 1: Unexpected end-of-input"), problem.message());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        Problem problem = single(() -> documents.read("{\n  \"code\": \"x\",\n  \"name\" \"y\"\n}"));
        assertEquals("", problem.path());
        assertEquals("malformed JSON at line 3, column 10: Unexpected character ('\"' (code 34)): was expecting a colon to separate field name and value",
                problem.message());
    }

    @Test
    void duplicateKeysAreMalformed() {
        Problem problem = single(() -> documents.read("{\"code\": \"x\", \"code\": \"y\"}"));
        assertEquals("malformed JSON at line 1, column 21: Duplicate field 'code'", problem.message());
    }

    @Test
    void wrongTypeGivesPathAndExpectation() {
        Problem problem = single(() -> documents.read("""
                {"code": "x", "name": "X", "version": 1, "phases": [
                  {"name": "P", "order": 1, "executionMode": "sequential", "activities": [
                    {"code": "A", "name": "A", "type": "TASK", "handler": "H", "timeoutSeconds": "sixty"}]}]}"""));
        assertEquals("phases[0].activities[0].timeoutSeconds", problem.path());
        assertEquals("expected a whole number (line 3, column 82)", problem.message());
    }

    @Test
    void numbersAreNotStrings() {
        Problem problem = single(() -> documents.read("{\"code\": 5}"));
        assertEquals("code", problem.path());
        assertEquals("expected a string (line 1, column 10)", problem.message());
    }

    @Test
    void unknownFieldIsNamed() {
        Problem problem = single(() -> documents.read("{\"code\": \"x\", \"phases\": [{\"nmae\": \"P\"}]}"));
        assertEquals("phases[0].nmae", problem.path());
        assertEquals("unknown field 'nmae'; expected one of activities, executionMode, fanOut, maxInstances, maxParallelism, name, order",
                problem.message().replaceAll(" \\(line.*", ""));
    }

    @Test
    void badEnumValuesListWhatIsAllowed() {
        Problem mode = single(() -> documents.read("{\"phases\": [{\"executionMode\": \"sideways\"}]}"));
        assertEquals("phases[0].executionMode", mode.path());
        assertEquals("'sideways' is not one of sequential, parallel", mode.message().replaceAll(" \\(line.*", ""));
        Problem type = single(() -> documents.read("{\"phases\": [{\"activities\": [{\"type\": \"CHORE\"}]}]}"));
        assertEquals("phases[0].activities[0].type", type.path());
        assertEquals("'CHORE' is not one of START, TASK, REVIEW, APPROVAL, COMPLETE", type.message().replaceAll(" \\(line.*", ""));
    }

    @Test
    void nullListElementsAreReported() {
        Problem problem = single(() -> documents.read("{\"code\": \"x\", \"phases\": [null]}"));
        assertEquals("a list here holds null; expected objects or strings only", problem.message().replaceAll(" \\(line.*", ""));
        Problem empty = single(() -> documents.read(""));
        assertEquals("", empty.path());
    }

    @Test
    void writeIsStableAndWritesNulls() {
        Template template = new Template("t", "T", 3, null, List.of(new PhaseTemplate("P", 1, ExecutionMode.SEQUENTIAL, null, null,
                List.of(new ActivityTemplate("A", "A", ActivityType.TASK, false, "H", null, 60, null, null, null, null)))));
        String json = documents.write(template);
        assertEquals(json, documents.write(documents.read(json)));
        assertEquals(true, json.contains("\"description\": null"));
        assertEquals(true, json.contains("\"condition\": null"));
        assertEquals(false, json.contains("\"parallel\""));
    }

    static Problem single(org.junit.jupiter.api.function.Executable read) {
        InvalidTemplateException e = assertThrows(InvalidTemplateException.class, read);
        assertEquals(1, e.report().problems().size(), e.report().toString());
        return e.report().problems().get(0);
    }
}
