package dev.cadre.platform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditQuery;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.persistence.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cadre audit export}: the platform's audit log as JSON lines, oldest first, straight from the
 * host's database (works with the host running against an external PostgreSQL; with the embedded one,
 * use {@code GET /api/audit} or stop the host first).
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Export the platform's audit log.",
        subcommands = {AuditCommand.Export.class})
final class AuditCommand extends CadreCommand {

    @Override
    int execute() {
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }

    /** {@code cadre audit export [--since P30D] [--actor NAME] [--type ACTION] [--output FILE]}. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write audit events as JSON lines, oldest first.")
    static final class Export extends CadreCommand {

        @Option(names = "--since", paramLabel = "<when>", defaultValue = "P30D",
                description = "An ISO-8601 duration back from now (P30D, PT12H) or an instant (2026-12-01T00:00:00Z). Default: ${DEFAULT-VALUE}.")
        String since;

        @Option(names = "--actor", paramLabel = "<name>", description = "Only this actor's events.")
        String actor;

        @Option(names = "--type", paramLabel = "<action>", description = "Only this action, e.g. plugin.install.")
        String type;

        @Option(names = "--output", paramLabel = "<file>", description = "Write to this file (created owner-only) instead of standard output.")
        Path output;

        @Override
        int execute() throws IOException {
            Instant from = since(since, Instant.now());
            if (type != null && AuditAction.of(type).isEmpty()) {
                throw new InvalidInputException("--type must be one of " + java.util.Arrays.stream(AuditAction.values()).map(AuditAction::code).toList()
                        + ", got '" + type + "'");
            }
            ObjectMapper mapper = new Json().mapper();
            try (Database database = main().openDatabase(List.of()); Writer writer = writer()) {
                long count = new AuditLog(database.dataSource(), mapper).export(new AuditQuery(from, actor, type, 0, null), event -> {
                    try {
                        writer.write(mapper.writeValueAsString(event));
                        writer.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.flush();
                if (output != null) {
                    out().println("Wrote " + count + " audit events since " + from + " to " + output);
                }
                return ExitCodes.OK;
            }
        }

        private Writer writer() throws IOException {
            if (output == null) {
                return new java.io.FilterWriter(out()) {
                    @Override
                    public void close() throws IOException {
                        flush(); // standard output stays open
                    }
                };
            }
            if (!Files.exists(output)) {
                try {
                    Files.createFile(output, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(output);
                }
            }
            return Files.newBufferedWriter(output, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        }

        static Instant since(String raw, Instant now) {
            try {
                Duration back = Duration.parse(raw);
                if (back.isNegative()) {
                    throw new InvalidInputException("--since must not be negative, got '" + raw + "'");
                }
                return now.minus(back);
            } catch (DateTimeParseException notDuration) {
                try {
                    return Instant.parse(raw);
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException("--since must be an ISO-8601 duration such as P30D or an instant such as 2026-12-01T00:00:00Z, got '"
                            + raw + "'");
                }
            }
        }
    }
}
