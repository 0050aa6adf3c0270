package dev.cadre.platform.cli;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.AdminServer;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.logging.ConsoleLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cadre demo}: one whole test cycle over {@code samples/} on the embedded defaults. Starts a
 * host, starts the cycle over REST, plays the people through REST, prints a line per phase, and
 * downloads the final report (with the run's records as {@code workflow.json} beside it) and says
 * where its sign-off trail is. The console shows these lines only (on a terminal, with a progress line
 * for the phase under way); the host's log goes to the log file.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run one whole test cycle over samples/ on a fresh host, completing manual tasks through the REST API.")
final class DemoCommand extends CadreCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Option(names = "--samples", description = "Sample data directory (default: $CADRE_HOME/samples).")
    Path samples;

    @Option(names = "--reject", paramLabel = "ACTIVITY",
            description = "The reviewer or approver rejects this review or approval (e.g. SIGN_OFF_REPORT): the run fails and is rolled back.")
    String reject;

    @Override
    int execute() throws Exception {
        CadreConfig config = main().config().withAdminPort(0); // a free port: the demo must not clash with a running host
        Path data = samples == null ? config.home().resolve("samples") : samples;
        if (!Files.isRegularFile(data.resolve("parameters.json"))) {
            throw new InvalidInputException("no sample data in " + data + " (parameters.json missing); use --samples");
        }
        Instant started = Instant.now();
        try (ConsoleLog quiet = ConsoleLog.atLeast(Level.ERROR); CadreHost host = CadreHost.start(config)) {
            AdminServer server = host.own(AdminServer.start(host));
            AdminClient admin = new AdminClient("http://127.0.0.1:" + server.port(), server.token(), host.json().mapper());
            out().printf("Host up in %.1f s; admin endpoint http://127.0.0.1:%d, plugins: %s%s%n",
                    seconds(started), server.port(), admin.get("/api/handlers").orThrow().json().size() + " handlers",
                    ConsoleLog.file().map(file -> "; logs in " + file).orElse(""));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("template", "test-cycle");
            request.put("businessKey", "DEMO-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Map<String, Object> parameters = host.json().readMap(Files.readString(data.resolve("parameters.json")));
            request.put("parameters", parameters);
            String workflowId = admin.postJson("/api/workflows", request).orThrow().json().path("workflowId").asText();
            out().println("Started test cycle " + workflowId);
            out().flush();

            DemoPeople people = new DemoPeople(admin, data, owners(parameters), reject);
            out().println("People (users with their roles, acting with their own tokens): " + String.join(", ", people.usernames()));
            JsonNode workflow = play(admin, people, workflowId, new PhaseProgress(out(), System.console() != null, started));
            String status = workflow.path("status").asText();
            Path reports = Files.createDirectories(config.dataDir().resolve("reports").resolve(workflowId));
            host.json().mapper().writerWithDefaultPrettyPrinter().writeValue(reports.resolve("workflow.json").toFile(), workflow);
            if (!"COMPLETED".equals(status)) {
                err().println("The test cycle ended " + status + ": " + workflow.path("error").asText(""));
                DemoRollback.print(admin, workflowId, workflow, out());
                out().println("The run's records: " + reports.resolve("workflow.json").toAbsolutePath());
                return ExitCodes.FAILURE;
            }
            Path report = download(admin, workflowId, reports);
            JsonNode finalReport = host.json().mapper().readTree(report.resolveSibling("final-report.json").toFile());
            out().printf("Test cycle COMPLETED in %.1f s%n", seconds(started));
            out().println("Final report: " + report.toAbsolutePath());
            out().println("Sign-off trail: " + finalReport.path("signOffs").size() + " approvals, reviews and tasks by people in "
                    + report.toAbsolutePath() + "#sign-offs (the run's records: workflow.json beside it)");
            out().println("Observations: " + finalReport.path("observations").size());
            return ExitCodes.OK;
        }
    }

    /** @return the data owners of the sample parameters, whom the test lead names */
    private static List<String> owners(Map<String, Object> parameters) {
        if (!(parameters.get("dataOwners") instanceof List<?> owners)) {
            throw new InvalidInputException("parameters.json: dataOwners must be a list of data owners");
        }
        return owners.stream().map(String::valueOf).toList();
    }

    /** Completes tasks as they appear and reports phases as they end, until the workflow ends. */
    private JsonNode play(AdminClient admin, DemoPeople people, String workflowId, PhaseProgress progress) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        String path = "/api/workflows/" + AdminClient.encode(workflowId);
        while (Instant.now().isBefore(deadline)) {
            JsonNode workflow = admin.get(path).orThrow().json();
            progress.show(workflow);
            if (!"RUNNING".equals(workflow.path("status").asText()) && !"STARTING".equals(workflow.path("status").asText())) {
                progress.clear();
                return workflow;
            }
            for (JsonNode task : admin.get("/api/tasks?status=WAITING&workflowId=" + AdminClient.encode(workflowId)).orThrow().json()) {
                people.handle(workflowId, task);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the test cycle did not end within " + TIMEOUT.toMinutes() + " minutes");
    }

    /** Downloads the report artifacts; returns the HTML report's path. */
    private static Path download(AdminClient admin, String workflowId, Path directory) throws IOException {
        for (String name : new String[] {"final-report.html", "final-report.md", "final-report.json"}) {
            byte[] content = admin.get("/api/workflows/" + AdminClient.encode(workflowId) + "/artifacts/" + name).orThrow().body();
            Files.write(directory.resolve(name), content);
        }
        return directory.resolve("final-report.html");
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
