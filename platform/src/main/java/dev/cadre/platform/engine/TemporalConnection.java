package dev.cadre.platform.engine;

import com.uber.m3.tally.Scope;
import dev.cadre.platform.config.CadreConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's link to Temporal: the in-process Java test server in real time ({@code embedded}), or a
 * cluster at {@code host:port}, optionally over mutual TLS. The worker talks to both over gRPC: to the
 * embedded server through an in-process channel, to a cluster over the network.
 */
public final class TemporalConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TemporalConnection.class);

    private final Optional<EmbeddedTemporalServer> embedded;
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final String target;

    private TemporalConnection(Optional<EmbeddedTemporalServer> embedded, WorkflowServiceStubs service, WorkflowClient client, String target) {
        this.embedded = embedded;
        this.service = service;
        this.client = client;
        this.target = target;
    }

    /**
     * @param config  the host configuration
     * @param metrics where the SDK reports its client and worker metrics ({@code temporal_*})
     * @return the connection, with the embedded server started when configured
     */
    public static TemporalConnection open(CadreConfig config, Scope metrics) {
        Optional<EmbeddedTemporalServer> embedded = Optional.empty();
        String target = config.temporalTarget();
        if (config.embeddedTemporal()) {
            EmbeddedTemporalServer server = EmbeddedTemporalServer.start(InetAddress.getLoopbackAddress(), config.embeddedTemporalPort(), true);
            embedded = Optional.of(server);
            target = "127.0.0.1:" + server.port();
        }
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setRpcTimeout(Duration.ofSeconds(30))
                .setMetricsScope(metrics);
        if (embedded.isPresent()) {
            options.setChannel(embedded.get().inProcessChannel());
        } else {
            options.setTarget(target);
            if (config.temporalTlsCert().isPresent() && config.temporalTlsKey().isPresent()) {
                options.setSslContext(sslContext(config));
            }
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options.build());
        WorkflowClient client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(config.temporalNamespace()).setDataConverter(dataConverter()).build());
        log.info("Temporal: {} (namespace {}, task queue {})", embedded.isPresent() ? "embedded server on " + target : target,
                config.temporalNamespace(), config.taskQueue());
        return new TemporalConnection(embedded, service, client, target);
    }

    /**
     * The SDK's default converter, its JSON written by the same mapper plus Jackson's Blackbird module (properties
     * read and written through generated lambdas, not reflection): the same bytes, decoded in less time.
     */
    private static io.temporal.common.converter.DataConverter dataConverter() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = io.temporal.common.converter.JacksonJsonPayloadConverter.newDefaultObjectMapper()
                .registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule());
        return io.temporal.common.converter.DefaultDataConverter.newDefaultInstance()
                .withPayloadConverterOverrides(new io.temporal.common.converter.JacksonJsonPayloadConverter(mapper));
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(CadreConfig config) {
        try (InputStream cert = Files.newInputStream(config.temporalTlsCert().orElseThrow());
             InputStream key = Files.newInputStream(config.temporalTlsKey().orElseThrow())) {
            return SimpleSslContextBuilder.forPKCS8(cert, key).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Temporal TLS certificate or key: " + e.getMessage(), e);
        }
    }

    /**
     * Whether workflow tasks may be cached on a host between tasks (sticky execution). The Java test
     * server never moves a task off a dead worker's sticky queue, so several hosts sharing one (the
     * {@code temporal-dev} command) turn it off; the in-process server has one host, and a cluster
     * re-queues after its sticky ScheduleToStart timeout.
     *
     * @return whether the worker may use sticky execution against this server
     */
    public boolean stickyExecutionSafe() {
        if (embedded.isPresent()) {
            return true;
        }
        try {
            String version = service.blockingStub()
                    .getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance())
                    .getServerVersion();
            boolean cluster = !version.isEmpty();
            if (!cluster) {
                log.info("Temporal at {} is the Java test server: workflow tasks are not kept sticky to one host", target);
            }
            return cluster;
        } catch (RuntimeException e) {
            log.warn("Cannot ask Temporal at {} what it is ({}); workflow tasks are not kept sticky to one host", target, e.toString());
            return false;
        }
    }

    /** @return the client */
    public WorkflowClient client() {
        return client;
    }

    /** @return {@code host:port} of the server */
    public String target() {
        return target;
    }

    /** @return whether the server answers a health check */
    public boolean isUp() {
        try {
            service.healthCheck();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        service.shutdown();
        service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        embedded.ifPresent(EmbeddedTemporalServer::close);
    }
}
