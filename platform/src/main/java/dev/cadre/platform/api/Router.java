package dev.cadre.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the {@link RoutingHandler} from the route table: each route gets the bearer check (unless open)
 * and its body size limit; unknown paths answer 404 and known paths with another method 405 with
 * {@code Allow}, both behind the token too, so probing without it learns nothing.
 */
final class Router {

    private Router() {
    }

    /**
     * @param routes         the route table
     * @param authentication who may call what
     * @param mapper         the host's JSON mapper
     * @param maxJsonBytes   the limit of JSON bodies (and of routes that take none)
     * @param maxUploadBytes the limit of uploads
     * @return the routing handler
     */
    static HttpHandler build(List<Route> routes, Authentication authentication, ObjectMapper mapper, long maxJsonBytes, long maxUploadBytes) {
        RoutingHandler routing = new RoutingHandler(false); // false: path parameters never mix with query parameters
        Map<String, PathTemplateMatcher<Route>> byMethod = new LinkedHashMap<>();
        for (Route route : routes) {
            long limit = route.body() == Route.Body.UPLOAD ? maxUploadBytes : maxJsonBytes;
            HttpHandler endpoint = exchange -> {
                exchange.setMaxEntitySize(limit); // before anything opens the request channel
                route.endpoint().handle(new Call(exchange, mapper));
            };
            routing.add(route.method(), route.template(), authentication.guard(route.access(), endpoint));
            byMethod.computeIfAbsent(route.method(), m -> new PathTemplateMatcher<>()).add(route.template(), route);
        }
        routing.setFallbackHandler(authentication.guard(Access.AUTHENTICATED, exchange -> {
            throw ApiException.notFound("route_not_found", "no route " + exchange.getRequestMethod() + " " + exchange.getRequestPath());
        }));
        routing.setInvalidMethodHandler(authentication.guard(Access.AUTHENTICATED, exchange -> {
            String allowed = String.join(", ", allowed(byMethod, exchange));
            exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
            throw new ApiException(405, "method_not_allowed", exchange.getRequestMethod() + " is not allowed on "
                    + exchange.getRequestPath() + "; allowed: " + allowed, Map.of("allowed", List.of(allowed.split(", "))));
        }));
        return routing;
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
