package dev.cadre.platform.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.persistence.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.stat.Statistics;
import dev.cadre.platform.testing.Migrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates in a real (embedded) PostgreSQL, one database for the whole class. */
class TemplateServiceIT {

    @TempDir
    static Path home;

    private static Database database;
    private static final TemplateDocuments DOCUMENTS = new TemplateDocuments();
    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine();
    private static TemplateService service;

    @BeforeAll
    static void open() {
        database = Database.open(new ConfigLoader(Map.of()).load(home), TemplateEntities.all());
        service = new TemplateService(database, new TemplateValidator(EXPRESSIONS, name -> true), DOCUMENTS);
    }

    /** Stops and starts the embedded server on the same data directory, as a host restart does. */
    private static void restart() {
        database.close();
        open();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String ofSeed(String where) {
        return "select count(*) from workflow_activity_templates a join workflow_templates t on t.id = a.template_id "
                + "where t.code = 'test-cycle' and t.version = 1 and " + where;
    }

    @Test
    void migrationsApplyOnAnEmptyDatabaseThenAreANoOp() throws Exception {
        assertTrue(java.nio.file.Files.isRegularFile(home.resolve("data/pg/PG_VERSION")), "the cluster lives under $CADRE_HOME/data/pg");
        assertEquals(Migrations.count(), count("select count(*) from flyway_schema_history where success and version is not null"));
        assertEquals(0, Database.migrate(database.dataSource()).migrationsExecuted);
        restart();
        assertEquals(0, Database.migrate(database.dataSource()).migrationsExecuted);
        assertEquals(Migrations.count(), count("select count(*) from flyway_schema_history"));
    }

    @Test
    void importsSurviveARestart() {
        service.importTemplate(renamed("tc-restart"), true, false);
        restart();
        assertEquals(49, service.current("tc-restart").orElseThrow().activities().size());
    }

    @Test
    void seedCountsHold() throws Exception {
        assertEquals(9, count("select count(*) from workflow_phase_templates p join workflow_templates t on t.id = p.template_id "
                + "where t.code = 'test-cycle' and t.version = 1"));
        assertEquals(49, count(ofSeed("true")));
        assertEquals(20, count(ofSeed("a.is_manual")));
        assertEquals(29, count(ofSeed("not a.is_manual")));
        assertEquals(14, count(ofSeed("a.execution_mode = 'parallel'")));
        assertEquals(11, count(ofSeed("a.handler_name not in ('AutomatedActivityHandler', 'ManualActivityHandler')")
                .replace("count(*)", "count(distinct a.handler_name)")));
        assertEquals(18, count(ofSeed("a.activity_type in ('START', 'COMPLETE') and a.handler_name = 'AutomatedActivityHandler'")));
        assertEquals(29 - 18, count(ofSeed("not a.is_manual and a.handler_name <> 'AutomatedActivityHandler'")));
        assertEquals(20, count(ofSeed("a.is_manual and a.handler_name = 'ManualActivityHandler'")));
        assertEquals(17, count("select count(*) from workflow_activity_dependencies d join workflow_activity_templates a on a.id = d.activity_id "
                + "join workflow_templates t on t.id = a.template_id where t.code = 'test-cycle' and t.version = 1"));
        assertEquals(2, count(ofSeed("a.conditional_expression is not null")));
    }

    @Test
    void publishedVersionExportsAsTheDistributionDocument() throws Exception {
        assertEquals(TemplateDocumentsTest.testCycleJson(), service.export("test-cycle", 2));
    }

    /** V7 copies the seed as version 2, whose Request for Information fans out over the owners people named. */
    @Test
    void versionTwoIsTheSeedWithOwnersFromPeople() throws Exception {
        String v1 = service.export("test-cycle", 1);
        String v2 = service.export("test-cycle", 2);
        assertTrue(v1.contains("\"fanOut\": \"parameters.dataOwners\","), "version 1 keeps the seed's fan-out");
        assertTrue(v2.contains("outputs.ASSIGN_DATA_PROVIDERS.data.dataOwners"), v2);
        assertEquals(17, count("select count(*) from workflow_activity_dependencies d join workflow_activity_templates a on a.id = d.activity_id "
                + "join workflow_templates t on t.id = a.template_id where t.code = 'test-cycle' and t.version = 2"));
        // besides its version and the two fan-outs, version 2 only adds the manual steps' deadline steps (V8)
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode one = mapper.readTree(v1);
        com.fasterxml.jackson.databind.node.ObjectNode two = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(v2);
        two.put("version", 1);
        two.remove("parameters"); // V14: the declared parameters and the scenarios
        two.remove("scenarios");
        int deadlines = 0;
        for (int p = 0; p < two.get("phases").size(); p++) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) two.get("phases").get(p)).set("fanOut", one.get("phases").get(p).get("fanOut"));
            for (com.fasterxml.jackson.databind.JsonNode activity : two.get("phases").get(p).get("activities")) {
                if (((com.fasterxml.jackson.databind.node.ObjectNode) activity.get("config")).remove("sla") != null) {
                    deadlines++;
                }
                ((com.fasterxml.jackson.databind.node.ObjectNode) activity.get("config")).remove("form"); // V12: the task forms
                ((com.fasterxml.jackson.databind.node.ObjectNode) activity.get("config")).remove("assignee"); // V18: per-owner tasks
                ((com.fasterxml.jackson.databind.node.ObjectNode) activity.get("config")).remove(List.of("onReject", "onFailure")); // V16: rework
            }
        }
        assertEquals(20, deadlines, "every manual step has deadline steps");
        assertEquals(one, two, "only the version, two fan-outs, the deadline steps, the forms, the assignees and the rework rules differ");
    }

    @Test
    void importMakesTheNextVersionAndPublishSwitchesTheCurrentOne() {
        String v1 = service.export("test-cycle", 1);
        StoredTemplate stored = service.importTemplate(DOCUMENTS.read(v1), false, false);
        int version = stored.template().version();
        assertEquals(3, version, "after the seed (1) and V7's version (2)");
        assertEquals(TemplateStatus.DRAFT, stored.status());
        // export -> import -> export: the same document but for the version
        String v3 = service.export("test-cycle", version);
        assertEquals(v1.replace("\"version\": 1,", "\"version\": 3,"), v3);
        assertEquals(2, service.current("test-cycle").orElseThrow().version());

        service.publish("test-cycle", version, false);
        assertEquals(version, service.current("test-cycle").orElseThrow().version());
        assertEquals(v1, service.export("test-cycle", 1), "version 1 stays readable");
        assertEquals(List.of(TemplateStatus.RETIRED, TemplateStatus.RETIRED, TemplateStatus.PUBLISHED), statuses("test-cycle"));

        service.publish("test-cycle", 2, false);
        assertEquals(2, service.current("test-cycle").orElseThrow().version());
        assertEquals(List.of(TemplateStatus.RETIRED, TemplateStatus.PUBLISHED, TemplateStatus.RETIRED), statuses("test-cycle"));
    }

    @Test
    void importOfANewCodeStartsAtVersionOneAndCanPublishAtOnce() {
        Template copy = renamed("tc-copy").withVersion(7);
        StoredTemplate stored = service.importTemplate(copy, true, false);
        assertEquals(1, stored.template().version(), "the document's own version is ignored");
        assertEquals(TemplateStatus.PUBLISHED, stored.status());
        assertEquals(1, service.current("tc-copy").orElseThrow().version());
        assertEquals(2, service.importTemplate(copy, true, false).template().version());
        assertEquals(List.of(TemplateStatus.RETIRED, TemplateStatus.PUBLISHED), statuses("tc-copy"));
    }

    @Test
    void invalidDocumentIsRejectedAndNothingIsWritten() throws Exception {
        long rows = count("select count(*) from workflow_activity_templates");
        Template broken = renamed("tc-broken");
        PhaseTemplate first = broken.phases().get(0);
        ActivityTemplate a = first.activities().get(2);
        ActivityTemplate zeroTimeout = new ActivityTemplate(a.code(), a.name(), a.type(), a.manual(), a.handler(), a.executionMode(), 0,
                a.retryPolicy(), a.condition(), a.config(), a.dependsOn());
        List<ActivityTemplate> activities = new java.util.ArrayList<>(first.activities());
        activities.set(2, zeroTimeout);
        List<PhaseTemplate> phases = new java.util.ArrayList<>(broken.phases());
        phases.set(0, new PhaseTemplate(first.name(), first.order(), first.executionMode(), first.fanOut(), first.maxParallelism(), activities));
        Template invalid = new Template(broken.code(), broken.name(), 1, broken.description(), phases);

        InvalidTemplateException e = assertThrows(InvalidTemplateException.class, () -> service.importTemplate(invalid, true, true));
        assertEquals(List.of(Problem.error("phases[0].activities[2].timeoutSeconds", "must be greater than 0, got 0")), e.report().problems());
        assertEquals(rows, count("select count(*) from workflow_activity_templates"));
        assertTrue(service.list().stream().noneMatch(s -> s.code().equals("tc-broken")));
    }

    @Test
    void unknownHandlersBlockPublishingUnlessForced() throws Exception {
        TemplateService builtinsOnly = new TemplateService(database,
                new TemplateValidator(EXPRESSIONS, Set.of("AutomatedActivityHandler", "ManualActivityHandler")::contains), DOCUMENTS);
        Template document = renamed("tc-handlers");
        InvalidTemplateException refused = assertThrows(InvalidTemplateException.class, () -> builtinsOnly.importTemplate(document, true, false));
        assertEquals(11, refused.report().warnings().stream().filter(w -> w.path().endsWith(".handler")).count());
        assertTrue(refused.getMessage().contains("publish with force"), refused.getMessage());
        assertTrue(service.list().stream().noneMatch(s -> s.code().equals("tc-handlers")), "a refused import stores nothing");

        StoredTemplate draft = builtinsOnly.importTemplate(document, false, false);
        assertEquals(TemplateStatus.DRAFT, draft.status());
        assertEquals(11, draft.report().warnings().stream().filter(w -> w.path().endsWith(".handler")).count());
        assertThrows(InvalidTemplateException.class, () -> builtinsOnly.publish("tc-handlers", 1, false));
        assertEquals(TemplateStatus.PUBLISHED, builtinsOnly.publish("tc-handlers", 1, true).status());
        assertEquals(1, service.current("tc-handlers").orElseThrow().version());
    }

    @Test
    void missingTemplatesAreReportedByName() {
        TemplateNotFoundException e = assertThrows(TemplateNotFoundException.class, () -> service.export("test-cycle", 99));
        assertEquals("no template 'test-cycle' version 99", e.getMessage());
        assertThrows(TemplateNotFoundException.class, () -> service.publish("nope", 1, false));
        assertFalse(service.current("nope").isPresent());
    }

    @Test
    void loadingAWholeTemplateTakesAFewQueries() {
        Statistics statistics = database.sessions().getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        Template template = service.find("test-cycle", 1).orElseThrow();
        long statements = statistics.getPrepareStatementCount();
        statistics.setStatisticsEnabled(false);
        assertEquals(49, template.activities().size());
        assertTrue(statements <= 4, "loading took " + statements + " statements");
    }

    @Test
    void listShowsCodesWithTheirVersions() {
        TemplateSummary testCycle = service.list().stream().filter(s -> s.code().equals("test-cycle")).findFirst().orElseThrow();
        assertEquals("Regulatory test cycle", testCycle.name());
        assertEquals(1, testCycle.versions().get(0).version());
        assertTrue(testCycle.versions().get(0).createdAt() != null);
    }

    private List<TemplateStatus> statuses(String code) {
        return service.list().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow()
                .versions().stream().map(TemplateSummary.Version::status).toList();
    }

    private static Template renamed(String code) {
        Template seed = service.find("test-cycle", 1).orElseThrow();
        return new Template(code, seed.name(), seed.version(), seed.description(), seed.phases());
    }
}
