package dev.cadre.platform.api;

import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.console.Console;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.metrics.RequestMeters;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST endpoint (DESIGN section 6) and the console on Undertow. Every request is dispatched off the IO thread
 * before its body is read; bodies are capped per route (small for JSON, {@code maxUploadBytes} only for
 * plugin and artifact uploads); slow or idle connections are cut by parse and idle timeouts.
 *
 * <p>{@link #close()} is graceful: new requests get 503 while those in flight finish, within
 * {@link #SHUTDOWN_GRACE}; threads still busy after that are interrupted and abandoned after
 * {@link #STOP_TIMEOUT}, so closing always ends within the two.
 */
public final class AdminServer implements AutoCloseable {

    /** How long {@link #close()} lets in-flight requests finish. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /**
     * After the grace, how long stopping waits for worker threads before it abandons them (interrupted). Unset,
     * Undertow waits for them without end: a request parked in a call with no deadline hung the host at SIGTERM.
     */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** The whole request head must arrive within this. */
    static final int REQUEST_PARSE_TIMEOUT_MS = 30_000;
    /** A connection without a request for this long is closed. */
    static final int NO_REQUEST_TIMEOUT_MS = 60_000;

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final Undertow undertow;
    private final GracefulShutdownHandler shutdown;
    private final AtomicBoolean draining;
    private final List<Route> routes;
    private final AdminToken token;
    private final int port;
    private boolean closed;

    private AdminServer(Undertow undertow, GracefulShutdownHandler shutdown, AtomicBoolean draining, List<Route> routes, AdminToken token) {
        this.undertow = undertow;
        this.shutdown = shutdown;
        this.draining = draining;
        this.routes = routes;
        this.token = token;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Starts the endpoint on {@code adminBind:adminPort} (port 0 = any free port).
     *
     * @param host the running host
     * @return the started server; close it before the host
     */
    public static AdminServer start(CadreHost host) {
        CadreConfig config = host.config();
        AdminToken token = AdminToken.resolve(config);
        List<Route> routes = ApiRoutes.of(host);
        ErrorHandling errors = new ErrorHandling(host.json().mapper());
        HttpHandler router = Router.build(routes, new Authentication(token, host.users(), config.signIn().localLogin(), host.singleSignOn()), host.json().mapper(), config.maxJsonBytes(),
                config.maxUploadBytes(), new RequestMeters(host.metrics().registry()));
        // the console's pages on / and beside the API; every other path goes on to the REST router
        GracefulShutdownHandler shutdown = new GracefulShutdownHandler(new BlockingHandler(errors.around(Console.around(host, router))));
        AtomicBoolean draining = new AtomicBoolean();
        HttpHandler root = exchange -> {
            if (draining.get()) {
                // the shutdown handler would answer a bare 503; clients get the one error shape instead
                errors.write(exchange, 503, new ApiError("shutting_down", "the host is shutting down", null));
            } else {
                shutdown.handleRequest(exchange);
            }
        };
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.adminPort(), config.adminBind())
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(16)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, config.maxJsonBytes())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, REQUEST_PARSE_TIMEOUT_MS)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, NO_REQUEST_TIMEOUT_MS)
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, (int) STOP_TIMEOUT.toMillis())
                .setHandler(root)
                .build();
        undertow.start();
        AdminServer server = new AdminServer(undertow, shutdown, draining, routes, token);
        log.info("Admin endpoint listening on http://{}:{}/api, console on http://{}:{}/", config.adminBind(), server.port(),
                config.adminBind(), server.port());
        host.cluster().adminUrl(adminUrl(config.adminBind(), server.port()));
        return server;
    }

    /** @return the URL other hosts and the CLI reach this endpoint at: the host's name when it listens on every address */
    private static String adminUrl(String bind, int port) {
        String host = bind;
        if ("0.0.0.0".equals(bind) || "::".equals(bind)) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return the port it listens on (the chosen one when configured as 0) */
    public int port() {
        return port;
    }

    /** @return the bearer token clients must send (for the host's own clients, e.g. {@code cadre demo}) */
    public String token() {
        return token.value();
    }

    /** @return the route table, as served */
    List<Route> routes() {
        return routes;
    }

    /** Stops accepting requests, lets in-flight ones finish within {@link #SHUTDOWN_GRACE}, then stops. */
    @Override
    public void close() {
        close(SHUTDOWN_GRACE);
    }

    /** @return the worker the requests run on (tests park a thread there) */
    org.xnio.XnioWorker worker() {
        return undertow.getWorker();
    }

    /** @param grace how long in-flight requests may finish */
    synchronized void close(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        draining.set(true);
        shutdown.shutdown();
        try {
            if (!shutdown.awaitShutdown(grace.toMillis())) {
                log.warn("Admin endpoint: requests still running after {}; stopping anyway (threads still busy after {} are abandoned)",
                        grace, STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        log.info("Admin endpoint stopped");
    }
}
