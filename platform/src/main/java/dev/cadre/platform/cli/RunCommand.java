package dev.cadre.platform.cli;

import dev.cadre.platform.api.AdminServer;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.host.CadreHost;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code cadre run}: the host (worker + admin REST endpoint) until SIGTERM or Ctrl-C, which stop it
 * cleanly: the endpoint stops accepting, in-flight requests and activities finish, then the rest closes.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the host: Temporal worker and admin REST endpoint (embedded PostgreSQL and Temporal by default).")
final class RunCommand extends CadreCommand {

    @Override
    int execute() throws InterruptedException {
        CadreConfig config = main().config();
        CadreHost host = CadreHost.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            AdminServer server = host.own(AdminServer.start(host));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                host.close();
                stopped.countDown();
            }, "cadre-shutdown"));
            out().println("Cadre is running: admin endpoint http://" + config.adminBind() + ":" + server.port()
                    + "/api (token: " + (config.adminToken().isPresent() ? "CADRE_ADMIN_TOKEN" : config.dataDir().resolve("admin.token"))
                    + "), plugins in " + config.pluginsDir() + ", task queue '" + config.taskQueue() + "'. Stop with Ctrl-C.");
            out().flush();
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
