package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/attribution/regions?service=NAME}: each AI-written region of the service's code (file, lines,
 * tool, model, commit) with the sink behaviour the collector has seen from call sites inside it.
 */
final class AiRegionsEndpoint implements Endpoint {

    private final AiRegionApi regions;

    AiRegionsEndpoint(AiRegionApi regions) {
        this.regions = regions;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String pattern() {
        return "attribution/regions";
    }

    @Override
    public void handle(HttpExchange exchange, String id) throws IOException {
        String service = QueryString.parse(exchange.getRequestURI().getRawQuery()).get("service");
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("query parameter 'service' is required: /api/attribution/regions?service=NAME");
        }
        Optional<List<?>> found = regions.regions(service);
        if (found.isEmpty()) {
            JsonExchange.error(exchange, 404, "no attribution index for service '" + service
                    + "': build one with 'sinkwatch-collector attribution --repo DIR --service " + service
                    + " --out FILE' and POST it to /api/attribution");
            return;
        }
        JsonExchange.send(exchange, 200, Map.of("service", service, "regions", found.get(), "count", found.get().size()));
    }
}
