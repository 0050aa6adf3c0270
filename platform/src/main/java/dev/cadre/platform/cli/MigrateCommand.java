package dev.cadre.platform.cli;

import dev.cadre.platform.persistence.Database;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;

/** {@code cadre migrate}: applies the schema migrations (a no-op when current) and prints the schema version. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply database migrations (embedded PostgreSQL, or CADRE_DB_URL) and print the schema version.")
final class MigrateCommand extends CadreCommand {

    @Override
    int execute() {
        try (Database database = main().openDatabase(List.of())) { // opening migrates
            MigrationInfo current = Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration")
                    .load().info().current();
            out().println("Database schema is at version " + (current == null ? "none" : current.getVersion().getVersion())
                    + (database.embedded().isPresent() ? " (embedded PostgreSQL in " + database.embedded().get().dataDirectory() + ")" : ""));
            return ExitCodes.OK;
        }
    }
}
