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
 * from endpoints become JSON: {@link IllegalArgumentException} → 400, anything else → 500.
 */
public final class ApiRouter implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ApiRouter.class.getName());

    private final List<Endpoint> endpoints;

    ApiRouter(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** The contract's endpoints over the given components. */
    public static ApiRouter create(AlertApi alerts, ServiceApi services, AttributionApi attribution,
                                   AiRegionApi regions) {
        return new ApiRouter(List.of(
                new AlertListEndpoint(alerts),
                new AlertGetEndpoint(alerts),
                new AlertAckEndpoint(alerts),
                new AlertApproveEndpoint(alerts),
                new ServicesEndpoint(services),
                new AttributionUploadEndpoint(attribution),
                new AiRegionsEndpoint(regions)));
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
                    endpoint.handle(exchange, id.isEmpty() ? null : id);
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
