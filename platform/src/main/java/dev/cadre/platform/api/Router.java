package dev.cadre.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatcher;
import dev.cadre.platform.metrics.RequestMeters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@link RoutingHandler} from the route table: each route gets the bearer check (unless open)
 * and its body size limit; unknown paths answer 404 and known paths with another method 405 with
 * {@code Allow}, both behind the token too, so probing without it learns nothing.
 */
final class Router {

    /** The route label of requests that match no route. */
    static final String UNMATCHED = "unmatched";
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private Router() {
    }

    /**
     * @param routes         the route table
     * @param authentication who may call what
     * @param mapper         the host's JSON mapper
     * @param maxJsonBytes   the limit of JSON bodies (and of routes that take none)
     * @param maxUploadBytes the limit of uploads
     * @param meters         times every request by route template and status
     * @return the routing handler
     */
    static HttpHandler build(List<Route> routes, Authentication authentication, ObjectMapper mapper, long maxJsonBytes, long maxUploadBytes,
            RequestMeters meters) {
        RoutingHandler routing = new RoutingHandler(false); // false: path parameters never mix with query parameters
        Map<String, PathTemplateMatcher<Route>> byMethod = new LinkedHashMap<>();
        for (Route route : routes) {
            long limit = route.body() == Route.Body.UPLOAD ? maxUploadBytes : maxJsonBytes;
            HttpHandler endpoint = exchange -> {
                exchange.setMaxEntitySize(limit); // before anything opens the request channel
                route.endpoint().handle(new Call(exchange, mapper));
            };
            routing.add(route.method(), route.template(), timed(meters, route.method(), route.path(), authentication.guard(route.access(), endpoint)));
            byMethod.computeIfAbsent(route.method(), m -> new PathTemplateMatcher<>()).add(route.template(), route);
        }
        routing.setFallbackHandler(timed(meters, null, UNMATCHED, authentication.guard(Access.AUTHENTICATED, exchange -> {
            throw ApiException.notFound("route_not_found", "no route " + exchange.getRequestMethod() + " " + exchange.getRequestPath());
        })));
        routing.setInvalidMethodHandler(timed(meters, null, UNMATCHED, authentication.guard(Access.AUTHENTICATED, exchange -> {
            String allowed = String.join(", ", allowed(byMethod, exchange));
            exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
            throw new ApiException(405, "method_not_allowed", exchange.getRequestMethod() + " is not allowed on "
                    + exchange.getRequestPath() + "; allowed: " + allowed, Map.of("allowed", List.of(allowed.split(", "))));
        })));
        return routing;
    }

    /**
     * Times a request until its exchange completes, when its status is final (errors are written outside
     * the router). Labels come from the route table only: a request that matches no route is
     * {@code unmatched}, its method {@code OTHER} unless it is a standard one.
     */
    private static HttpHandler timed(RequestMeters meters, String method, String route, HttpHandler next) {
        return exchange -> {
            long began = System.nanoTime();
            String methodLabel = method != null ? method
                    : STANDARD_METHODS.contains(exchange.getRequestMethod().toString()) ? exchange.getRequestMethod().toString() : "OTHER";
            exchange.addExchangeCompleteListener((done, nextListener) -> {
                meters.record(methodLabel, route, done.getStatusCode(), Duration.ofNanos(System.nanoTime() - began));
                nextListener.proceed();
            });
            next.handleRequest(exchange);
        };
    }

    private static TreeSet<String> allowed(Map<String, PathTemplateMatcher<Route>> byMethod, HttpServerExchange exchange) {
        TreeSet<String> methods = new TreeSet<>();
        byMethod.forEach((method, matcher) -> {
            if (matcher.match(exchange.getRelativePath()) != null) {
                methods.add(method);
            }
        });
        return methods;
    }
}
