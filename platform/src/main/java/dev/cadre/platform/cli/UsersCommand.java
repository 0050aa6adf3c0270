package dev.cadre.platform.cli;

import dev.cadre.platform.audit.Actor;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditStates;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.users.UserDirectory;
import dev.cadre.platform.users.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cadre users}: the first setup of people, straight on the host's database (no running host
 * needed; with the embedded PostgreSQL, stop the host first, or use {@code POST /api/users}).
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Add and list users, issue personal tokens.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Token.class})
final class UsersCommand extends CadreCommand {

    @Override
    int execute() {
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }

    static UserDirectory directory(Database database) {
        return new UserDirectory(database.dataSource(), Clock.systemUTC());
    }

    static AuditLog audit(Database database) {
        return new AuditLog(database.dataSource(), new dev.cadre.platform.persistence.Json().mapper());
    }

    /** @return who acts through the command line: the operating-system user, on this machine */
    static Actor cliActor() {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), "local");
    }

    /** {@code cadre users add <username> --role R [--role R2] [--display-name N] [--password-stdin]}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a user and print their first personal token (shown once).")
    static final class Add extends CadreCommand {

        @Parameters(index = "0", paramLabel = "<username>", description = "Login name: lower case letters, digits, '.', '_', '-'.")
        String username;

        @Option(names = "--role", required = true, paramLabel = "<role>",
                description = "A role: admin, operator, metrics, or a task role such as reviewer (repeat for several).")
        List<String> roles;

        @Option(names = "--display-name", paramLabel = "<name>", description = "How the person is shown.")
        String displayName;

        @Option(names = "--password-stdin", description = "Read a console password from the first line of standard input.")
        boolean passwordFromStdin;

        @Override
        int execute() throws IOException {
            String password = passwordFromStdin ? firstLine() : null;
            try (Database database = main().openDatabase(List.of())) {
                UserDirectory.Created created = directory(database).create(username, displayName, password, roles);
                AuditLog audit = audit(database);
                audit.record(cliActor(), AuditAction.USER_CREATE, "user:" + username, null, AuditStates.user(created.user()));
                audit.record(cliActor(), AuditAction.TOKEN_ISSUE, "user:" + username, null, java.util.Map.of("tokenId", created.token().id()), true);
                out().println("Created " + created.user().username() + " with roles " + created.user().roles());
                out().println("Personal token (shown once, keep it safe): " + created.token().token());
                return ExitCodes.OK;
            } catch (UserException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }

        private static String firstLine() throws IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new InvalidInputException("--password-stdin: standard input has no password line");
            }
            return line;
        }
    }

    /** {@code cadre users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users with their roles.")
    static final class ListUsers extends CadreCommand {
        @Override
        int execute() {
            try (Database database = main().openDatabase(List.of())) {
                directory(database).list().forEach(user -> out().printf("%-24s %-40s %s%s%n", user.username(), String.join(",", user.roles()),
                        user.displayName(), user.disabled() ? " (disabled)" : ""));
                return ExitCodes.OK;
            }
        }
    }

    /** {@code cadre users token <username>}. */
    @Command(name = "token", mixinStandardHelpOptions = true, description = "Issue a new personal token for a user (shown once).")
    static final class Token extends CadreCommand {

        @Parameters(index = "0", paramLabel = "<username>", description = "The user.")
        String username;

        @Override
        int execute() {
            try (Database database = main().openDatabase(List.of())) {
                UserDirectory.IssuedToken token = directory(database).issueToken(username);
                audit(database).record(cliActor(), AuditAction.TOKEN_ISSUE, "user:" + username, null, java.util.Map.of("tokenId", token.id()), true);
                out().println("Token " + token.id() + " for " + username + " (shown once): " + token.token());
                return ExitCodes.OK;
            } catch (UserException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
    }
}
