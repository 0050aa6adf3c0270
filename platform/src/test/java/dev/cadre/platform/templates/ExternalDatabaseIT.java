package dev.cadre.platform.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.persistence.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CADRE_DB_URL mode: the host uses the PostgreSQL it is given (here a second server started by the test). */
class ExternalDatabaseIT {

    @TempDir
    Path home;

    @Test
    void hostMigratesAndReadsTemplatesInTheGivenDatabase() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            CadreConfig config = new ConfigLoader(Map.of(
                    "CADRE_DB_URL", external.getJdbcUrl("postgres", "postgres"),
                    "CADRE_DB_USER", "postgres",
                    "CADRE_DB_PASSWORD", "postgres")).load(home);
            assertFalse(config.embeddedDatabase());
            try (Database database = Database.open(config, TemplateEntities.all())) {
                assertTrue(database.embedded().isEmpty());
                assertFalse(Files.exists(home.resolve("data/pg")), "no embedded cluster is created");
                TemplateService service = new TemplateService(database,
                        new TemplateValidator(new ExpressionEngine(), name -> true), new TemplateDocuments());
                Template current = service.current("test-cycle").orElseThrow();
                assertEquals(49, current.activities().size());
                assertEquals(3, service.importTemplate(current, true, false).template().version());
            }
            // the rows are in the external server itself
            try (var connection = external.getPostgresDatabase().getConnection(); var statement = connection.createStatement();
                 var rows = statement.executeQuery("select version from workflow_templates where code = 'test-cycle' and status = 'PUBLISHED'")) {
                assertTrue(rows.next());
                assertEquals(3, rows.getInt(1));
            }
        }
    }
}
