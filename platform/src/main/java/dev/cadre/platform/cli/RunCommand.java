package dev.cadre.platform.cli;

import ch.qos.logback.classic.Level;
import dev.cadre.platform.api.AdminServer;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.logging.ConsoleLog;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cadre run}: the host (worker + admin REST endpoint) until SIGTERM or Ctrl-C, which stop it
 * cleanly: the endpoint stops accepting, in-flight requests and activities finish, then the rest closes.
 * The console gets a short banner, then warnings and errors (everything with {@code --verbose}); the
 * log file keeps everything. In JSON mode the banner is a log line, so the console stays JSON only.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the host: Temporal worker and admin REST endpoint (embedded PostgreSQL and Temporal by default).")
final class RunCommand extends CadreCommand {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-v", "--verbose"}, description = "Show INFO log lines on the console too (the log file always has them).")
    boolean verbose;

    @Override
    int execute() throws InterruptedException {
        CadreConfig config = main().config();
        boolean json = ConsoleLog.json();
        // JSON lines feed a log shipper, which filters by level itself
        ConsoleLog console = verbose || json ? ConsoleLog.atLeast(Level.ALL) : ConsoleLog.atLeast(Level.WARN);
        CadreHost host = CadreHost.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            AdminServer server = host.own(AdminServer.start(host));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                host.close();
                console.close();
                stopped.countDown();
            }, "cadre-shutdown"));
            List<String> banner = banner(config, server.port());
            if (json) {
                log.info(String.join("; ", banner));
            } else {
                banner.forEach(out()::println);
                out().flush();
            }
        } catch (RuntimeException e) {
            host.close();
            console.close();
            throw e;
        }
        stopped.await();
        return ExitCodes.OK;
    }

    private List<String> banner(CadreConfig config, int port) {
        String url = "http://" + config.adminBind() + ":" + port;
        String token = config.adminToken().isPresent() ? "CADRE_ADMIN_TOKEN (environment)" : config.dataDir().resolve("admin.token").toString();
        String logs = ConsoleLog.file().map(file -> file + (verbose ? "" : " (the console shows warnings and errors; --verbose for all)"))
                .orElse("the console");
        return List.of("Cadre is running. Stop with Ctrl-C.",
                "  Admin API: " + url + "/api",
                "  Console:   " + url + "/",
                "  Token:     " + token,
                "  Data:      " + config.dataDir().toAbsolutePath(),
                "  Logs:      " + logs);
    }
}
