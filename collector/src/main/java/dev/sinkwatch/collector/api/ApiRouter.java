package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mounted at {@code /api/}: finds the {@link Endpoint} for the method and path, or answers 404 / 405. Errors
 * from endpoints become JSON: {@link IllegalArgumentException} → 400, anything else → 500. Every write is checked
 * by {@link WriteRequests} first (JSON only, no cross-site browser request).
 */
public final class ApiRouter implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ApiRouter.class.getName());

    private final List<Endpoint> endpoints;
    private final WriteRequests writes;

    ApiRouter(List<Endpoint> endpoints, WriteRequests writes) {
        this.endpoints = List.copyOf(endpoints);
        this.writes = writes;
    }

    /** The contract's endpoints over the given components. */
    public static ApiRouter create(AlertApi alerts, ServiceApi services, AttributionApi attribution,
                                   AiRegionApi regions) {
        return create(alerts, services, attribution, regions, "");
    }

    /** @param publicUrl {@code api.public-url}: browser writes from its origin are accepted (empty: none) */
    public static ApiRouter create(AlertApi alerts, ServiceApi services, AttributionApi attribution,
                                   AiRegionApi regions, String publicUrl) {
        return new ApiRouter(List.of(
                new AlertListEndpoint(alerts),
                new AlertGetEndpoint(alerts),
                new AlertAckEndpoint(alerts),
                new AlertApproveEndpoint(alerts),
                new ServicesEndpoint(services),
                new AttributionUploadEndpoint(attribution),
                new AiRegionsEndpoint(regions)), new WriteRequests(publicUrl));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rest = path.startsWith("/api/") ? path.substring("/api/".length()) : "";
            if (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            String[] segments = rest.split("/", -1);
            boolean pathMatched = false;
            for (Endpoint endpoint : endpoints) {
                String id = match(endpoint.pattern().split("/"), segments);
                if (id == null) {
                    continue;
                }
                pathMatched = true;
                if (!endpoint.method().equals(exchange.getRequestMethod())) {
                    continue;
                }
                try {
                    if (!endpoint.method().equals("GET")) {
                        writes.check(exchange);
                    }
                    endpoint.handle(exchange, id.isEmpty() ? null : id);
                } catch (WriteRequests.ApiError e) {
                    Json.error(exchange, e.status, e.getMessage());
                } catch (IllegalArgumentException e) {
                    Json.error(exchange, 400, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "API " + exchange.getRequestMethod() + " " + path + " failed", e);
                    Json.error(exchange, 500, "internal error: " + e);
                }
                return;
            }
            if (pathMatched) {
                Json.error(exchange, 405, "method " + exchange.getRequestMethod() + " not allowed on " + path);
            } else {
                Json.error(exchange, 404, "no such endpoint: " + path);
            }
        }
    }

    /** @return "" when matched without an id, the decoded id when matched with one, null when not matched */
    private static String match(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        String id = "";
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("{id}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                id = URLDecoder.decode(segments[i], StandardCharsets.UTF_8);
            } else if (!pattern[i].equals(segments[i])) {
                return null;
            }
        }
        return id;
    }
}
