package dev.cadre.platform.api;

import dev.cadre.platform.metrics.HostMetrics;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: every meter of the host in the Prometheus text format. */
final class MetricsResource {

    private final HostMetrics metrics;

    MetricsResource(HostMetrics metrics) {
        this.metrics = metrics;
    }

    void scrape(Call call) {
        call.respondBytes(200, HostMetrics.CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
