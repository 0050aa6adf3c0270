package dev.cadre.platform.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's meter registry, scraped as Prometheus text by {@code GET /metrics}: JVM and process
 * binders, the Temporal SDK's metrics (through its Micrometer reporter), and whatever the host's parts
 * register (HikariCP, Cadre's own meters, request timings). One per host, passed in, never global.
 */
public final class HostMetrics implements AutoCloseable {

    /** The media type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** How often the Temporal SDK's buffered metrics are handed to the registry. */
    private static final com.uber.m3.util.Duration TEMPORAL_REPORT_INTERVAL = com.uber.m3.util.Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(HostMetrics.class);

    /**
     * The SDK publishes its timers as percentile histograms of ~70 buckets per series (a thousand lines
     * for request latency alone); a dozen fixed buckets answer the same dashboard questions.
     */
    private static final MeterFilter TEMPORAL_TIMER_BUCKETS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("temporal_")) {
                return config;
            }
            return DistributionStatisticConfig.builder()
                    .percentilesHistogram(false)
                    .serviceLevelObjectives(seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
                    .build()
                    .merge(config);
        }
    };

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private final List<Scope> scopes = new CopyOnWriteArrayList<>();

    private HostMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = registry;
        this.gc = gc;
    }

    /** @return a registry with the JVM and process binders bound */
    public static HostMetrics start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(TEMPORAL_TIMER_BUCKETS);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new HostMetrics(registry, gc);
    }

    /** @return where the host's parts register their meters */
    public MeterRegistry registry() {
        return registry;
    }

    /** @return a Tally scope for {@code WorkflowServiceStubsOptions.setMetricsScope}; closed with this */
    public Scope temporalScope() {
        Scope scope = new RootScopeBuilder()
                .reporter(new MicrometerClientStatsReporter(registry))
                .reportEvery(TEMPORAL_REPORT_INTERVAL);
        scopes.add(scope);
        return scope;
    }

    /** @param refresh brings gauges up to date before a scrape (it decides itself whether its cache is fresh) */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** @return every meter in the Prometheus text format */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    /** @return the durations in nanoseconds, the base unit of timer buckets */
    private static double[] seconds(double... seconds) {
        double[] nanos = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            nanos[i] = seconds[i] * 1e9;
        }
        return nanos;
    }

    @Override
    public void close() {
        for (Scope scope : scopes) {
            try {
                scope.close();
            } catch (ScopeCloseException e) {
                log.warn("Closing the Temporal metrics scope failed: {}", e.toString());
            }
        }
        gc.close();
        registry.close();
    }
}
