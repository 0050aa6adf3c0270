package dev.cadre.platform.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadre.platform.expressions.ExpressionEngine;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broken copy of the test-cycle document per rule; each asserts the path and the message. */
class TemplateValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine();
    private static final TemplateDocuments DOCUMENTS = new TemplateDocuments();
    private static String testCycle;

    private final TemplateValidator validator = new TemplateValidator(EXPRESSIONS, name -> true);

    @BeforeAll
    static void load() throws Exception {
        testCycle = TemplateDocumentsTest.testCycleJson();
    }

    /** @return the test-cycle document after the edit */
    private static Template broken(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(testCycle);
        edit.accept(root);
        return DOCUMENTS.read(JSON.writeValueAsString(root));
    }

    private static ObjectNode at(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    private List<Problem> problems(Consumer<ObjectNode> edit) throws Exception {
        return structural(validator.validate(broken(edit)));
    }

    /** @return the problems but the warnings of expressions reading undeclared outputs (ExpressionCheckerTest covers those) */
    private static List<Problem> structural(ValidationReport report) {
        return report.problems().stream().filter(p -> p.isError() || !p.message().contains(" is undeclared, so ")).toList();
    }

    private void assertOnly(String path, String message, Consumer<ObjectNode> edit) throws Exception {
        assertEquals(List.of(Problem.error(path, message)), problems(edit));
    }

    @Test
    void testCycleIsValid() throws Exception {
        assertEquals(List.of(), structural(validator.validate(DOCUMENTS.read(testCycle))));
        assertEquals(List.of(), structural(TemplateValidator.offline(EXPRESSIONS).validate(DOCUMENTS.read(testCycle))));
    }

    @Test
    void missingCodeAndNames() throws Exception {
        List<Problem> problems = problems(root -> {
            root.remove("code");
            root.put("name", " ");
            at(root, "/phases/2/activities/1").remove("code");
            at(root, "/phases/2").putNull("name");
        });
        assertEquals(List.of(Problem.error("code", "is required"), Problem.error("name", "is required"),
                Problem.error("phases[2].name", "is required"), Problem.error("phases[2].activities[1].code", "is required")), problems);
    }

    @Test
    void badCodes() throws Exception {
        List<Problem> problems = problems(root -> {
            root.put("code", "Test Cycle");
            at(root, "/phases/0/activities/1").put("code", "1-define");
        });
        assertEquals(List.of(
                Problem.error("code", "must be 1 to 100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; got 'Test Cycle'"),
                Problem.error("phases[0].activities[1].code", "must be 1 to 100 letters, digits or '_', starting with a letter; got '1-define'"),
                // the renamed activity is no longer there for GENERATE_ATTRIBUTES to depend on
                Problem.error("phases[0].activities[2].dependsOn[0]", "depends on unknown activity 'DEFINE_REPORT_INVENTORY'")), problems);
    }

    @Test
    void duplicatePhaseNames() throws Exception {
        assertOnly("phases[1].name", "duplicate phase name 'Planning' (also phases[0])", root -> at(root, "/phases/1").put("name", "Planning"));
    }

    @Test
    void duplicateAndInvalidPhaseOrders() throws Exception {
        assertOnly("phases[1].order", "duplicate phase order 1 (also phases[0])", root -> at(root, "/phases/1").put("order", 1));
        assertOnly("phases[1].order", "must be 1 or more, got 0", root -> at(root, "/phases/1").remove("order"));
    }

    @Test
    void fanOutCapsStayWithinWhatTemporalAllows() throws Exception {
        // phases[5] is the parallel Request for Information phase, phases[0] a sequential one
        assertOnly("phases[5].maxParallelism", "must be between 1 and 2000 (Temporal's limit of pending activities per workflow), got 2001",
                root -> at(root, "/phases/5").put("maxParallelism", 2001));
        assertOnly("phases[5].maxInstances", "must be between 1 and 100000, got 100001",
                root -> at(root, "/phases/5").put("maxInstances", 100_001));
        assertOnly("phases[5].maxInstances", "must be between 1 and 100000, got 0", root -> at(root, "/phases/5").put("maxInstances", 0));
        assertOnly("phases[0].maxInstances", "only a parallel phase has maxInstances", root -> at(root, "/phases/0").put("maxInstances", 10));
        assertEquals(List.of(), problems(root -> at(root, "/phases/5").put("maxInstances", 50_000)));
    }

    @Test
    void duplicateActivityCodes() throws Exception {
        assertOnly("phases[0].activities[5].code", "duplicate activity code 'PLANNING_START' (also phases[0].activities[0])",
                root -> at(root, "/phases/0/activities/5").put("code", "PLANNING_START"));
    }

    @Test
    void dependencyOnUnknownActivity() throws Exception {
        assertOnly("phases[5].activities[1].dependsOn[0]", "depends on unknown activity 'APPROVE_DATA_OWNER'",
                root -> at(root, "/phases/5/activities/1/dependsOn/0").put("activity", "APPROVE_DATA_OWNER"));
    }

    @Test
    void dependencyCycle() throws Exception {
        List<Problem> problems = problems(root -> ((ArrayNode) root.at("/phases/0/activities/1/dependsOn"))
                .addObject().put("activity", "REVIEW_ATTRIBUTES").put("type", "completion"));
        assertTrue(problems.contains(Problem.error("phases[0].activities[2].dependsOn[0]",
                "dependency cycle: DEFINE_REPORT_INVENTORY -> REVIEW_ATTRIBUTES -> GENERATE_ATTRIBUTES -> DEFINE_REPORT_INVENTORY")), problems.toString());
        // the edge that points forward is also wrong on its own
        assertTrue(problems.contains(Problem.error("phases[0].activities[1].dependsOn[0]",
                "depends on 'REVIEW_ATTRIBUTES' (phases[0].activities[3]), which runs later")), problems.toString());
        assertEquals(2, problems.size(), problems.toString());
    }

    @Test
    void dependencyOnALaterActivity() throws Exception {
        assertOnly("phases[0].activities[0].dependsOn[0]", "depends on 'GENERATE_SAMPLES' (phases[3].activities[1]), which runs later",
                root -> ((ArrayNode) root.at("/phases/0/activities/0/dependsOn")).addObject().put("activity", "GENERATE_SAMPLES"));
        // in a parallel phase the START runs before the instances
        assertOnly("phases[5].activities[0].dependsOn[0]", "depends on 'SEND_DATA_REQUEST' (phases[5].activities[1]), which runs later",
                root -> ((ArrayNode) root.at("/phases/5/activities/0/dependsOn")).addObject().put("activity", "SEND_DATA_REQUEST"));
    }

    @Test
    void selfAndDuplicateDependencies() throws Exception {
        List<Problem> problems = problems(root -> {
            ArrayNode dependsOn = (ArrayNode) root.at("/phases/0/activities/2/dependsOn");
            dependsOn.addObject().put("activity", "DEFINE_REPORT_INVENTORY");
            dependsOn.addObject().put("activity", "GENERATE_ATTRIBUTES");
        });
        assertEquals(List.of(
                Problem.error("phases[0].activities[2].dependsOn[1]", "duplicate dependency on 'DEFINE_REPORT_INVENTORY' (also dependsOn[0])"),
                Problem.error("phases[0].activities[2].dependsOn[2]", "'GENERATE_ATTRIBUTES' cannot depend on itself")), problems);
    }

    @Test
    void approvalDependencyNeedsAnApprovableActivity() throws Exception {
        assertOnly("phases[0].activities[3].dependsOn[0].type",
                "an approval dependency needs a manual REVIEW or APPROVAL activity; 'GENERATE_ATTRIBUTES' is an automated TASK",
                root -> at(root, "/phases/0/activities/3/dependsOn/0").put("type", "approval"));
    }

    @Test
    void nonPositiveTimeouts() throws Exception {
        assertOnly("phases[0].activities[2].timeoutSeconds", "must be greater than 0, got 0",
                root -> at(root, "/phases/0/activities/2").put("timeoutSeconds", 0));
        assertOnly("phases[0].activities[2].timeoutSeconds", "must be greater than 0, got -5",
                root -> at(root, "/phases/0/activities/2").put("timeoutSeconds", -5));
    }

    @Test
    void retryValuesOutOfRange() throws Exception {
        String path = "phases[0].activities[2].retryPolicy";
        List<Problem> problems = problems(root -> at(root, "/phases/0/activities/2/retryPolicy")
                .put("maximumAttempts", 0).put("initialIntervalSeconds", 30).put("maximumIntervalSeconds", 10).put("backoffCoefficient", 0.5));
        assertEquals(List.of(
                Problem.error(path + ".maximumAttempts", "must be between 1 and 100, got 0"),
                Problem.error(path + ".maximumIntervalSeconds", "must be at least initialIntervalSeconds (30), got 10"),
                Problem.error(path + ".backoffCoefficient", "must be between 1 and 100, got 0.5")), problems);
        assertOnly(path + ".initialIntervalSeconds", "must be greater than 0, got 0",
                root -> at(root, "/phases/0/activities/2/retryPolicy").put("initialIntervalSeconds", 0));
        assertOnly(path + ".maximumAttempts", "must be between 1 and 100, got 1000",
                root -> at(root, "/phases/0/activities/2/retryPolicy").put("maximumAttempts", 1000));
    }

    @Test
    void deadlineStepsAreCheckedWithTheirPlaces() throws Exception {
        String path = "phases[0].activities[4].config.sla";
        List<Problem> problems = problems(root -> {
            ArrayNode sla = ((ObjectNode) at(root, "/phases/0/activities/4").get("config")).putArray("sla");
            sla.addObject().put("after", "PT12H").put("action", "remind");
            sla.addObject().put("after", "PT6H").put("action", "reassign");
            sla.addObject().put("after", "soon").put("action", "escalate").put("role", "test-lead");
            sla.addObject().put("after", "PT50H").put("action", "complete").put("outcome", "DONE");
            sla.addObject().put("after", "PT47H").put("action", "shout");
            ((ObjectNode) at(root, "/phases/0/activities/2").get("config")).putArray("sla").addObject().put("after", "PT1H").put("action", "remind");
        });
        assertEquals(List.of(
                Problem.error("phases[0].activities[2].config.sla", "deadline steps are for manual activities only"),
                Problem.error(path + "[1].after", "must come after the previous deadline step (PT12H), got PT6H"),
                Problem.error(path + "[1].role", "reassign needs the role to move the task to"),
                Problem.error(path + "[2].after", "is not an ISO-8601 duration (such as PT12H or P1D): 'soon'"),
                Problem.error(path + "[3].after", "must be before the step's timeout (PT48H), got PT50H"),
                Problem.error(path + "[3].outcome", "complete needs an outcome that fits a APPROVAL step: one of [APPROVED, REJECTED], got 'DONE'"),
                Problem.error(path + "[4].action", "must be one of remind, reassign, escalate, complete, got 'shout'"),
                Problem.error(path + "[4].after", "must come after the previous deadline step (PT50H), got PT47H")),
                problems.stream().sorted(java.util.Comparator.comparing(Problem::path)).toList());
    }

    @Test
    void formsAndAssigneesAreCheckedWithTheirPlaces() throws Exception {
        String path = "phases[0].activities[1].config.form";
        List<Problem> problems = problems(root -> {
            ArrayNode fields = ((ObjectNode) at(root, "/phases/0/activities/1").get("config")).putObject("form").putArray("fields");
            fields.addObject().put("name", "1bad").put("type", "text");
            fields.addObject().put("name", "file").put("type", "file");
            fields.addObject().put("name", "pick").put("type", "choice");
            fields.addObject().put("name", "marker").put("type", "file").put("artifact", "evidence/{instance}.csv.void.json");
            fields.addObject().put("name", "grid").put("type", "tabel");
            ((ObjectNode) at(root, "/phases/0/activities/2").get("config")).putObject("form").putArray("fields");
            ((ObjectNode) at(root, "/phases/0/activities/1").get("config")).put("assignee", "instance.owner");
            ((ObjectNode) at(root, "/phases/5/activities/2").get("config")).put("assignee", "instance +");
        });
        assertEquals(List.of(
                Problem.error("phases[0].activities[1].config.assignee",
                        "a person is assigned to the instance tasks of a parallel manual activity only"),
                Problem.error(path + ".fields[0].name", "must be a letter, then letters, digits or '_' (at most 64)"),
                Problem.error(path + ".fields[1].artifact", "must name the artifact the file becomes, e.g. evidence/{instance}.csv"),
                Problem.error(path + ".fields[2].choices", "must list the values to choose from"),
                Problem.error(path + ".fields[3].artifact", "'evidence/{instance}.csv.void.json' is not a name people may write"),
                Problem.error(path + ".fields[4].type", "must be one of text, number, date, choice, names, table, file"),
                Problem.error("phases[0].activities[2].config.form", "a form is for manual activities only")),
                problems.stream().filter(p -> !p.path().startsWith("phases[5]")).sorted(java.util.Comparator.comparing(Problem::path)).toList());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("phases[5].activities[2].config.assignee")), problems.toString());
    }

    @Test
    void conditionThatIsNotValidCel() throws Exception {
        List<Problem> problems = problems(root -> at(root, "/phases/1/activities/2").put("condition", "outputs.DATA_PROFILING.anomalyCount >"));
        assertEquals(1, problems.size());
        assertEquals("phases[1].activities[2].condition", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("is not valid CEL: line 1, column "), problems.get(0).message());
        assertOnly("phases[1].activities[2].condition", "is not valid CEL: yields int, not a bool",
                root -> at(root, "/phases/1/activities/2").put("condition", "1 + 1"));
    }

    @Test
    void fanOutThatIsNotValidCel() throws Exception {
        List<Problem> problems = problems(root -> at(root, "/phases/5").put("fanOut", "parameters.dataOwners.map("));
        assertEquals("phases[5].fanOut", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("is not valid CEL: "), problems.get(0).message());
        assertOnly("phases[5].fanOut", "is not valid CEL: undeclared reference to 'dataOwners' (in container '')".replace("undeclared", "line 1, column 1: undeclared"),
                root -> at(root, "/phases/5").put("fanOut", "dataOwners"));
    }

    @Test
    void parallelPhaseWithoutFanOut() throws Exception {
        assertOnly("phases[5].fanOut", "a parallel phase needs a fan-out expression yielding one element per instance",
                root -> at(root, "/phases/5").putNull("fanOut"));
    }

    @Test
    void parallelPhaseWithoutParallelActivities() throws Exception {
        assertOnly("phases[5].activities", "a parallel phase needs at least one parallel activity", root -> {
            for (JsonNode activity : root.at("/phases/5/activities")) {
                ((ObjectNode) activity).put("executionMode", "sequential");
                if (activity.path("config").isObject()) {
                    ((ObjectNode) activity.get("config")).remove("assignee"); // only instance tasks name a person
                }
            }
        });
    }

    @Test
    void sequentialPhaseWithParallelPartsOrFanOut() throws Exception {
        List<Problem> problems = problems(root -> {
            at(root, "/phases/0/activities/2").put("executionMode", "parallel");
            at(root, "/phases/0").put("fanOut", "parameters.owners").put("maxParallelism", 3);
        });
        assertEquals(List.of(
                Problem.error("phases[0].fanOut", "a sequential phase has no fan-out; make the phase parallel or remove it"),
                Problem.error("phases[0].maxParallelism", "only a parallel phase has maxParallelism"),
                Problem.error("phases[0].activities[2].executionMode", "a sequential phase cannot have parallel activities")), problems);
    }

    @Test
    void reworkGoesBackToAnEarlierStepOfTheSamePhaseAndPart() throws Exception {
        assertOnly("phases[0].activities[3].config.onReject.reworkFrom", "names 'APPROVE_PLANNING', which does not come before "
                + "REVIEW_ATTRIBUTES in its phase", root -> at(root, "/phases/0/activities/3/config/onReject").put("reworkFrom", "APPROVE_PLANNING"));
        assertOnly("phases[0].activities[3].config.onReject.reworkFrom", "names 'GENERATE_SAMPLES', which is not an activity of this phase",
                root -> at(root, "/phases/0/activities/3/config/onReject").put("reworkFrom", "GENERATE_SAMPLES"));
        assertOnly("phases[0].activities[3].config.onReject.maxRounds", "must be a whole number from 2 to 20 (round 1 counts), got 1",
                root -> at(root, "/phases/0/activities/3/config/onReject").put("maxRounds", 1));
        assertOnly("phases[0].activities[1].config.onReject", "only a review or an approval can send work back; DEFINE_REPORT_INVENTORY is a task",
                root -> at(root, "/phases/0/activities/1/config").putObject("onReject").put("reworkFrom", "PLANNING_START"));
        assertOnly("phases[5].activities[3].config.onFailure.returnTo", "names 'SEND_DATA_REQUEST', which is automated; work is handed back "
                + "to a person's task", root -> at(root, "/phases/5/activities/3/config/onFailure").put("returnTo", "SEND_DATA_REQUEST"));
        assertOnly("phases[5].activities[4].config.onReject.reworkFrom", "names 'RFI_START', which runs once, outside the fan-out instance "
                + "REVIEW_EVIDENCE belongs to", root -> at(root, "/phases/5/activities/4/config/onReject").put("reworkFrom", "RFI_START"));
    }

    @Test
    void sequentialActivityInsideTheParallelBlock() throws Exception {
        assertOnly("phases[5].activities[3].executionMode", "a sequential activity cannot sit between the parallel activities of a parallel "
                + "phase; put it before them (runs once first) or after them (runs once after every instance)",
                root -> at(root, "/phases/5/activities/3").put("executionMode", "sequential"));
    }

    @Test
    void markersCannotBeManual() throws Exception {
        assertOnly("phases[0].activities[0].manual", "a START activity is an automated marker; a manual activity must be TASK, REVIEW or APPROVAL",
                root -> at(root, "/phases/0/activities/0").put("manual", true));
        assertOnly("phases[0].activities[5].manual", "a COMPLETE activity is an automated marker; a manual activity must be TASK, REVIEW or APPROVAL",
                root -> at(root, "/phases/0/activities/5").put("manual", true));
    }

    @Test
    void unknownHandlersAreWarnings() throws Exception {
        TemplateValidator builtinsOnly = new TemplateValidator(EXPRESSIONS, Set.of("AutomatedActivityHandler", "ManualActivityHandler")::contains);
        ValidationReport report = new ValidationReport(structural(builtinsOnly.validate(DOCUMENTS.read(testCycle))));
        assertFalse(report.hasErrors());
        assertEquals(11, report.warnings().size());
        assertEquals(Problem.warning("phases[0].activities[2].handler",
                "no loaded plugin or built-in provides handler 'GenerateAttributesHandler'; install its plugin (publishing needs force until then)"),
                report.warnings().get(0));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        List<Problem> problems = problems(root -> {
            at(root, "/phases/0/activities/2").put("timeoutSeconds", 0);
            at(root, "/phases/5").remove("fanOut");
            at(root, "/phases/6/activities/1/dependsOn/0").put("activity", "NOPE");
            at(root, "/phases/8/activities/2").put("condition", "outputs.");
            at(root, "/phases/8/activities/3/retryPolicy").put("backoffCoefficient", 0.0);
        });
        assertEquals(List.of("phases[0].activities[2].timeoutSeconds", "phases[5].fanOut", "phases[8].activities[2].condition",
                "phases[8].activities[3].retryPolicy.backoffCoefficient", "phases[6].activities[1].dependsOn[0]"),
                problems.stream().map(Problem::path).toList());
    }
}
