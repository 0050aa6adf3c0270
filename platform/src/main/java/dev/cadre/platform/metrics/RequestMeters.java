package dev.cadre.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Admin endpoint request timings, {@code http_server_requests_seconds{method,route,status}}: the route
 * is the route table's path template (or {@code unmatched}), never the concrete path, so ids and names in
 * paths never become label values.
 */
public final class RequestMeters {

    private static final Duration[] BUCKETS = ActivityMeters.buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    private final MeterRegistry registry;

    /** @param registry where the meters live */
    public RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param method the HTTP method of a route (or {@code OTHER})
     * @param route  the route's path template
     * @param status the response status
     * @param took   from the request's dispatch to its end
     */
    public void record(String method, String route, int status, Duration took) {
        Timer.builder("http.server.requests")
                .description("Admin endpoint requests by method, route template and status")
                .tags("method", method, "route", route, "status", String.valueOf(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }
}
