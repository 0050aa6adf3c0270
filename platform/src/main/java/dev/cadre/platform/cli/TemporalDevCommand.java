package dev.cadre.platform.cli;

import dev.cadre.platform.engine.EmbeddedTemporalServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cadre temporal-dev}: the embedded Temporal server alone, in real time, so several hosts on
 * one machine can share it ({@code CADRE_TEMPORAL_TARGET=127.0.0.1:7233}). Runs until stopped.
 */
@Command(name = "temporal-dev", mixinStandardHelpOptions = true,
        description = "Run the embedded Temporal server (the Java test server, real time) alone until stopped.")
final class TemporalDevCommand extends CadreCommand {

    @Option(names = "--port", defaultValue = "7233", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); the server has no authentication, so widen it with care.")
    String bind;

    @Override
    int execute() throws InterruptedException {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("--port must be between 1 and 65535, got " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new InvalidInputException("--bind: unknown address '" + bind + "'");
        }
        EmbeddedTemporalServer server = EmbeddedTemporalServer.start(address, port, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "cadre-temporal-dev-shutdown"));
        out().println("Temporal (embedded test server) listening on " + bind + ":" + port
                + "; point hosts at it with CADRE_TEMPORAL_TARGET=" + bind + ":" + port + ". Stop with Ctrl-C.");
        out().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
