package dev.cadre.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code cadre cluster}: the cluster's hosts, live and lost, with their releases, through any host's admin endpoint. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "List the cluster's hosts (live and lost) with each one's plugin releases and their state.")
final class ClusterCommand extends PluginsCommand.RemoteCommand {

    @Override
    int execute() {
        try {
            JsonNode cluster = admin().get("/api/cluster").orThrow().json();
            for (JsonNode host : cluster.path("hosts")) {
                boolean self = host.path("id").asText().equals(cluster.path("self").asText());
                out().printf("%-5s %s pid %d%s  %s  version %s  started %s  last seen %s%n", host.path("state").asText(),
                        host.path("hostName").asText(), host.path("pid").asLong(), self ? " (answering)" : "",
                        host.path("adminUrl").asText("-"), host.path("version").asText("-"), host.path("startedAt").asText(),
                        host.path("lastSeen").asText());
                for (JsonNode release : host.path("releases")) {
                    out().printf("      %s@%s %s%s%n", release.path("pluginId").asText(), release.path("version").asText(),
                            release.path("state").asText(), release.path("reason").isTextual() ? ": " + release.path("reason").asText() : "");
                }
            }
            return ExitCodes.OK;
        } catch (AdminClient.AdminException e) {
            return fail(e);
        }
    }
}
