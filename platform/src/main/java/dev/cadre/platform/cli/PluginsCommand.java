package dev.cadre.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.persistence.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cadre plugins list|install|disable|enable|remove}: manage the cluster's plugins through any host's admin
 * endpoint; install, disable, enable and remove change the release in the database, which every host follows.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List, install, disable, enable or remove the cluster's plugins.",
        subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.InstallPlugin.class, PluginsCommand.DisablePlugin.class,
            PluginsCommand.EnablePlugin.class, PluginsCommand.RemovePlugin.class})
final class PluginsCommand extends CadreCommand {

    @Override
    int execute() {
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }

    /** Options naming the host to talk to. */
    abstract static class RemoteCommand extends CadreCommand {
        @Option(names = "--url", description = "Admin endpoint (default: http://127.0.0.1:$CADRE_ADMIN_PORT).")
        String url;

        @Option(names = "--token", description = "Admin token (default: CADRE_ADMIN_TOKEN, else $CADRE_HOME/data/admin.token).")
        String token;

        AdminClient admin() {
            CadreConfig config = main().config();
            return new AdminClient(url == null ? "http://127.0.0.1:" + config.adminPort() : url,
                    token == null ? AdminTokens.of(config) : token, new Json().mapper());
        }

        int fail(AdminClient.AdminException e) {
            err().println("error: " + e.getMessage());
            return e.status >= 400 && e.status < 500 ? ExitCodes.USAGE : ExitCodes.FAILURE;
        }
    }

    /** {@code cadre plugins list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the host's plugins: id, version, state, file, SHA-256, handlers.")
    static final class ListPlugins extends RemoteCommand {
        @Override
        int execute() {
            try {
                JsonNode plugins = admin().get("/api/plugins").orThrow().json();
                out().printf("%-16s %-16s %-10s %-9s %-9s %-14s %s%n", "ID", "VERSION", "STATE", "DESIRED", "LOADED ON", "SHA-256", "HANDLERS");
                for (JsonNode plugin : plugins) {
                    out().printf("%-16s %-16s %-10s %-9s %-9s %-14s %s%n", plugin.path("id").asText(), plugin.path("version").asText(),
                            plugin.path("state").asText(), plugin.path("desiredState").asText("-"),
                            plugin.path("loadedOn").size() + " host(s)", abbreviate(plugin.path("sha256").asText()), plugin.path("handlers"));
                }
                return ExitCodes.OK;
            } catch (AdminClient.AdminException e) {
                return fail(e);
            }
        }

        private static String abbreviate(String sha) {
            return sha.length() > 12 ? sha.substring(0, 12) : sha;
        }
    }

    /** {@code cadre plugins install <jar>}. */
    @Command(name = "install", mixinStandardHelpOptions = true, description = "Upload a plugin JAR to the host, which checks, stores and starts it.")
    static final class InstallPlugin extends RemoteCommand {
        @Parameters(paramLabel = "<jar>", description = "The plugin JAR file.")
        Path jar;

        @Override
        int execute() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(jar);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + jar + ": " + e.getMessage());
            }
            try {
                JsonNode plugin = admin().postBytes("/api/plugins", "application/java-archive", bytes).orThrow().json();
                out().println("Installed " + plugin.path("id").asText() + "@" + plugin.path("version").asText() + " ("
                        + plugin.path("state").asText() + ", sha256 " + plugin.path("sha256").asText() + "), handlers "
                        + plugin.path("handlers"));
                return ExitCodes.OK;
            } catch (AdminClient.AdminException e) {
                return fail(e);
            }
        }
    }

    /** A change of a plugin's releases: the plugin id and, optionally, one version. */
    abstract static class ReleaseCommand extends RemoteCommand {
        @Parameters(paramLabel = "<id>", description = "The plugin id.")
        String id;

        @Option(names = "--version", description = "Only this release (default: every release of the plugin).")
        String version;

        String path(String action) {
            return "/api/plugins/" + AdminClient.encode(id) + action + (version == null ? "" : "?version=" + AdminClient.encode(version));
        }

        void report(JsonNode plugin) {
            out().println(plugin.path("id").asText() + "@" + plugin.path("version").asText() + ": " + plugin.path("state").asText()
                    + (plugin.path("reason").isTextual() ? " (" + plugin.path("reason").asText() + ")" : ""));
        }
    }

    /** {@code cadre plugins disable <id>}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a plugin on every host: its handlers take no new steps; its JAR stays in the database.")
    static final class DisablePlugin extends ReleaseCommand {
        @Override
        int execute() {
            try {
                report(admin().postBytes(path("/stop"), "application/json", new byte[0]).orThrow().json());
                return ExitCodes.OK;
            } catch (AdminClient.AdminException e) {
                return fail(e);
            }
        }
    }

    /** {@code cadre plugins enable <id>}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled plugin again on every host.")
    static final class EnablePlugin extends ReleaseCommand {
        @Override
        int execute() {
            try {
                report(admin().postBytes(path("/start"), "application/json", new byte[0]).orThrow().json());
                return ExitCodes.OK;
            } catch (AdminClient.AdminException e) {
                return fail(e);
            }
        }
    }

    /** {@code cadre plugins remove <id>}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a plugin from every host, once the activities running on it finish.")
    static final class RemovePlugin extends ReleaseCommand {
        @Override
        int execute() {
            try {
                AdminClient.Response response = admin().delete(path("")).orThrow();
                JsonNode removed = response.json();
                out().println(response.status() == 202
                        ? "Removing " + id + ": " + removed.path("openLeases").asInt() + " activity(ies) still running on it here"
                        : "Removed " + id + (removed.path("version").isTextual() ? "@" + removed.path("version").asText() : ""));
                return ExitCodes.OK;
            } catch (AdminClient.AdminException e) {
                return fail(e);
            }
        }
    }
}
