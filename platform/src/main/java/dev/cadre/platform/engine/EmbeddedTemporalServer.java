package dev.cadre.platform.engine;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
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
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

    private final TestServicesStarter services;
    private final Server server;

    private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
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
        try {
            return new EmbeddedTemporalServer(services, builder.build().start());
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot start the embedded Temporal server on " + bind.getHostAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        services.close();
    }
}
