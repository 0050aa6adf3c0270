package dev.cadre.platform.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each kind of type error the checker finds, with its path, line and column; and undeclared reads,
 * which are warnings only. The built-in handlers' declared output shapes type {@code outputs}.
 */
class ExpressionCheckerTest {

    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine();
    private static final BuiltinHandlerRegistry BUILTINS = BuiltinHandlerRegistry.fromClassPath();
    private final TemplateValidator validator = new TemplateValidator(EXPRESSIONS, name -> true, BUILTINS::outputShape);

    /** @return the typed template with these expressions (SCORE, REVIEW, FANOUT, ASK), the others always true */
    static Template typed(Map<String, String> expressions) throws Exception {
        String json;
        try (InputStream in = ExpressionCheckerTest.class.getResourceAsStream("/templates/typed.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : List.of("SCORE", "REVIEW", "ASK")) {
            json = json.replace("\"@" + name + "@\"", expressions.containsKey(name) ? quote(expressions.get(name)) : "null");
        }
        json = json.replace("\"@FANOUT@\"", quote(expressions.getOrDefault("FANOUT", "parameters.owners")));
        return new TemplateDocuments().read(json);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private List<Problem> problems(Map<String, String> expressions) throws Exception {
        return validator.validate(typed(expressions)).problems();
    }

    private static Problem error(String path, int line, int column, String message) {
        return new Problem(Problem.Severity.ERROR, path, message, line, column);
    }

    @Test
    void wellTypedExpressionsPassWithoutWarnings() throws Exception {
        assertEquals(List.of(), problems(Map.of(
                "SCORE", "outputs.SCORING_START.marker == 'SCORING_START' && size(parameters.exposures) > parameters.threshold",
                "REVIEW", "has(outputs.SCORE.phase)",
                "FANOUT", "parameters.owners.filter(o, o.weight > 0.5)",
                "ASK", "instance.name != '' && outputs.REVIEW_SCORE.data.score > 3.0 && outputs.OWNERS_START.phase != ''")));
    }

    @Test
    void aStepTheTemplateDoesNotHave() throws Exception {
        assertEquals(List.of(error("phases[0].activities[1].condition", 1, 8, "no step 'NO_SUCH_STEP' in template typed")),
                problems(Map.of("SCORE", "outputs.NO_SUCH_STEP.score > 1")));
    }

    @Test
    void aStepThatRunsLater() throws Exception {
        assertEquals(List.of(error("phases[0].activities[1].condition", 1, 8,
                        "step REVIEW_SCORE runs after this expression, so its output is not there yet")),
                problems(Map.of("SCORE", "outputs.REVIEW_SCORE.outcome == 'APPROVED'")));
    }

    @Test
    void aFieldTheHandlerNeverReturns() throws Exception {
        Problem problem = problems(Map.of("SCORE", "outputs.SCORING_START.noSuchField == 1")).get(0);
        assertEquals("phases[0].activities[1].condition:1:22: no field 'noSuchField' in the output of SCORING_START; it has instance, marker, phase",
                problem.toString());
    }

    @Test
    void aMisspeltParameter() throws Exception {
        assertEquals(List.of(error("phases[0].activities[2].condition", 1, 11, "no parameter 'exposurez' is declared; declared: exposures, owners, threshold")),
                problems(Map.of("REVIEW", "parameters.exposurez.size() > 0")));
    }

    @Test
    void aTypeMismatchOnItsLine() throws Exception {
        assertEquals(List.of(error("phases[0].activities[1].condition", 2, 32, "found no matching overload for '_>_' applied to '(string, int)'")),
                problems(Map.of("SCORE", "true &&\n  outputs.SCORING_START.marker > 1")));
    }

    @Test
    void aConditionThatIsNotABool() throws Exception {
        assertEquals(List.of(error("phases[0].activities[1].condition", 1, 1, "yields string, not a bool")),
                problems(Map.of("SCORE", "outputs.SCORING_START.marker")));
    }

    @Test
    void aFormFieldThePersonIsNotAsked() throws Exception {
        assertEquals(List.of(error("phases[1].activities[1].condition", 1, 26,
                        "no field 'scroe' in the data of REVIEW_SCORE; it has owners, score")),
                problems(Map.of("ASK", "outputs.REVIEW_SCORE.data.scroe > 1.0")));
    }

    @Test
    void theInstanceElementIsTypedByTheFanOut() throws Exception {
        assertEquals(List.of(error("phases[1].activities[1].condition", 1, 9,
                        "no field 'nmae' in an element of field 'owners' of the parameters; it has name, weight")),
                problems(Map.of("ASK", "instance.nmae == 'risk'")));
        // a fan-out over names: the element is a string
        assertEquals(List.of(error("phases[1].activities[1].condition", 1, 10, "found no matching overload for '_>_' applied to '(string, int)'")),
                problems(Map.of("FANOUT", "parameters.exposures", "ASK", "instance > 1")));
    }

    @Test
    void undeclaredDataIsAWarningNotAnError() throws Exception {
        ValidationReport report = validator.validate(typed(Map.of("ASK", "size(outputs.NOTE.data.owners) > 0")));
        assertEquals(List.of(new Problem(Problem.Severity.WARNING, "phases[1].activities[1].condition",
                "outputs.NOTE.data is undeclared, so .owners is not checked", 1, 23)), report.problems());
        assertTrue(!report.hasErrors());
    }

    @Test
    void undeclaredParametersAreWarnings() throws Exception {
        Template template = typed(Map.of("SCORE", "parameters.anything == 1"));
        Template undeclared = new Template(template.code(), template.name(), 1, null, template.phases());
        ValidationReport report = validator.validate(new Template(undeclared.code(), undeclared.name(), 1, null, undeclared.phases(), null, null)
                .withScenarios(List.of()));
        assertTrue(!report.hasErrors(), report.toString());
        assertTrue(report.problems().stream().anyMatch(p -> p.message().equals("parameters is undeclared, so .anything is not checked")), report.toString());
    }
}
