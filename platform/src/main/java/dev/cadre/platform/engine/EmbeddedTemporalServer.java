package dev.cadre.platform.engine;

import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The embedded Temporal: the Java test server's services in real time (no time skipping), served
 * over gRPC on one address. Unlike {@code TestServer.createPortBoundServer}, which listens on every
 * interface, it binds where it is told (loopback by default): the embedded server has no
 * authentication, so it must not be reachable from other machines unless an admin asks for it.
 *
 * <p>The host itself reaches the same services through an in-process channel ({@link #inProcessChannel}):
 * its worker and client then skip the loopback socket, HTTP/2 framing and protobuf encoding on both
 * sides, which was about half the CPU of every step. Other processes (other hosts, the {@code temporal}
 * CLI, a user's own workers) use the port.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

    private final TestServicesStarter services;
    private final Server server;
    private final InProcessGRPCServer inProcess;

    private EmbeddedTemporalServer(TestServicesStarter services, Server server, InProcessGRPCServer inProcess) {
        this.services = services;
        this.server = server;
        this.inProcess = inProcess;
    }

    /**
     * @param bind           the address to listen on
     * @param port           the port, 0 for any free one
     * @param trimLockEvents whether to apply {@link EmbeddedTemporalFix} (the benchmark compares both)
     * @return the running server
     */
    public static EmbeddedTemporalServer start(InetAddress bind, int port, boolean trimLockEvents) {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        if (trimLockEvents) {
            EmbeddedTemporalFix.apply(services);
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(bind, port), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        InProcessGRPCServer inProcess = new InProcessGRPCServer(services.getServices());
        try {
            return new EmbeddedTemporalServer(services, builder.build().start(), inProcess);
        } catch (IOException e) {
            inProcess.shutdownNow();
            services.close();
            throw new UncheckedIOException("cannot start the embedded Temporal server on " + bind.getHostAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.getPort();
    }

    /** @return a channel to the same services inside this JVM, for the host's own worker and client */
    public ManagedChannel inProcessChannel() {
        return inProcess.getChannel();
    }

    @Override
    public void close() {
        inProcess.shutdown();
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        inProcess.shutdownNow();
        services.close();
    }
}
