package dev.cadre.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import dev.cadre.platform.testing.Migrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process; database commands run against one PostgreSQL started for the class. */
class CadreMainIT {

    private static final Path TEST_CYCLE = Path.of("../distribution/src/main/templates/test-cycle.json");

    @TempDir
    static Path home;
    private static EmbeddedPostgres postgres;
    private static Map<String, String> environment;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        environment = Map.of("CADRE_HOME", home.toString(), "CADRE_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "CADRE_DB_USER", "postgres", "CADRE_DB_PASSWORD", "postgres");
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    /** The outcome of one command line. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        return run(environment, args);
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CadreMain.commandLine(new CadreMain(env, home))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpOnEveryCommand() {
        Run top = run("--help");
        assertEquals(0, top.exitCode());
        assertTrue(top.out().contains("migrate") && top.out().contains("templates"), top.out());
        for (String[] command : new String[][] {{"migrate", "--help"}, {"templates", "--help"}, {"templates", "export", "--help"},
                {"templates", "import", "--help"}, {"templates", "validate", "--help"}}) {
            Run help = run(command);
            assertEquals(0, help.exitCode(), String.join(" ", command));
            assertTrue(help.out().startsWith("Usage: cadre " + command[0]), help.out());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run().exitCode());
        assertEquals(2, run("templates").exitCode());
        Run unknown = run("templates", "export", "test-cycle", "--bogus");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("Unknown option: '--bogus'"), unknown.err());
        assertTrue(unknown.err().contains("Usage: cadre templates export"), unknown.err());
        assertEquals(2, run("templates", "import").exitCode());
    }

    @Test
    void validateIsOfflineAndAcceptsTheTestCycle() {
        Map<String, String> noDatabase = Map.of("CADRE_HOME", home.toString(), "CADRE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none");
        Run run = run(noDatabase, "templates", "validate", TEST_CYCLE.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("valid (handler names not checked offline"), run.out());
    }

    @Test
    void validateReportsEveryProblemOnePerLine() throws Exception {
        String json = Files.readString(TEST_CYCLE)
                .replace("\"timeoutSeconds\": 900,", "\"timeoutSeconds\": 0,")
                .replaceFirst("\"fanOut\": \"has\\(outputs[^\"]+\"", "\"fanOut\": null");
        Path file = Files.writeString(home.resolve("broken.json"), json);
        Run run = run("templates", "validate", file.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("phases[0].activities[2].timeoutSeconds: must be greater than 0, got 0\n"), run.err());
        assertTrue(run.err().contains("phases[5].fanOut: a parallel phase needs a fan-out expression"), run.err());
        assertTrue(run.err().contains("phases[8].activities[3].timeoutSeconds: must be greater than 0, got 0\n"), run.err());
    }

    @Test
    void malformedOrMissingFilesExitWithTwo() throws Exception {
        Path file = Files.writeString(home.resolve("malformed.json"), "{\n  \"code\": \"x\",\n}");
        Run malformed = run("templates", "validate", file.toString());
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().contains("malformed JSON at line 3, column 1"), malformed.err());
        Run missing = run("templates", "import", home.resolve("nope.json").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("error: cannot read "), missing.err());
    }

    @Test
    void auditExportWritesTheCommandLinesOwnChangesAsJsonLines() throws Exception {
        assertEquals(0, run("users", "add", "aldo", "--role", "auditor").exitCode());
        Run export = run("audit", "export", "--since", "P30D", "--actor", "cli:" + System.getProperty("user.name"));
        assertEquals(0, export.exitCode(), export.err());
        java.util.List<String> lines = export.out().lines().filter(l -> l.contains("user:aldo")).toList();
        assertEquals(2, lines.size(), export.out());
        com.fasterxml.jackson.databind.JsonNode created = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertEquals("user.create", created.get("action").asText());
        assertEquals("[\"auditor\"]", created.get("after").get("roles").toString());
        assertEquals("token.issue", new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(1)).get("action").asText());

        Path file = home.resolve("audit.jsonl");
        Run toFile = run("audit", "export", "--type", "user.create", "--output", file.toString());
        assertEquals(0, toFile.exitCode(), toFile.err());
        assertTrue(Files.readString(file).contains("user:aldo"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(0, run("audit", "export", "--since", "2000-01-01T00:00:00Z").exitCode());
        assertEquals(2, run("audit", "export", "--since", "last week").exitCode());
        assertEquals(2, run("audit", "export", "--type", "plugin.explode").exitCode());
    }

    @Test
    void usersAreAddedListedAndGivenTokensForTheFirstSetup() {
        Run added = run("users", "add", "rita", "--role", "reviewer", "--role", "approver", "--display-name", "Rita Reviewer");
        assertEquals(0, added.exitCode(), added.err());
        assertTrue(added.out().contains("Created rita with roles [reviewer, approver]"), added.out());
        assertTrue(added.out().matches("(?s).*Personal token \\(shown once, keep it safe\\): cadre_[A-Za-z0-9_-]{43}\\s*"), added.out());

        Run listed = run("users", "list");
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains("rita") && listed.out().contains("reviewer,approver") && listed.out().contains("Rita Reviewer"), listed.out());
        assertFalse(listed.out().contains("cadre_"), "no token is listed");

        Run token = run("users", "token", "rita");
        assertEquals(0, token.exitCode(), token.err());
        assertTrue(token.out().contains("for rita (shown once): cadre_"), token.out());

        Run again = run("users", "add", "rita", "--role", "reviewer");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("user 'rita' exists already"), again.err());
        Run badName = run("users", "add", "Rita Smith", "--role", "reviewer");
        assertEquals(2, badName.exitCode());
        assertTrue(badName.err().contains("username must be"), badName.err());
        assertEquals(2, run("users", "token", "nobody").exitCode());
    }

    @Test
    void migrateExportImport() throws Exception {
        Run migrate = run("migrate");
        assertEquals(0, migrate.exitCode(), migrate.err());
        assertEquals("Database schema is at version " + Migrations.latest() + "\n", migrate.out());

        Run export = run("templates", "export", "test-cycle");
        assertEquals(0, export.exitCode(), export.err());
        assertEquals(Files.readString(TEST_CYCLE) + "\n", export.out());

        Path copy = home.resolve("exported.json");
        assertEquals(0, run("templates", "export", "test-cycle", "--version", "2", "--output", copy.toString()).exitCode());
        assertEquals(Files.readString(TEST_CYCLE), Files.readString(copy));

        // the CLI knows only the built-in handlers: publishing the plugin handlers needs --force
        Run refused = run("templates", "import", copy.toString(), "--publish");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("publish with force"), refused.err());
        assertTrue(refused.err().contains("warning: phases[0].activities[2].handler: no loaded plugin or built-in provides handler"), refused.err());

        Run draft = run("templates", "import", copy.toString());
        assertEquals(0, draft.exitCode(), draft.err());
        assertEquals("Imported test-cycle version 3 (DRAFT)\n", draft.out());

        Run forced = run("templates", "import", copy.toString(), "--publish", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals("Imported test-cycle version 4 (PUBLISHED)\n", forced.out());
        assertTrue(run("templates", "export", "test-cycle").out().contains("\"version\": 4,"));

        Run unknown = run("templates", "export", "no-such-template");
        assertEquals(2, unknown.exitCode());
        assertEquals("error: no template 'no-such-template'\n", unknown.err());
    }

    @Test
    void databaseDownExitsWithOne() {
        Map<String, String> down = new HashMap<>(environment);
        down.put("CADRE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none");
        Run run = run(down, "migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/none"), run.err());
    }
}
