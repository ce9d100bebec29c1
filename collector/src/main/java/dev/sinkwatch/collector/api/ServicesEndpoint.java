package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code GET /api/services}: services, versions, profile states and counts. */
final class ServicesEndpoint implements Endpoint {

    private final ServiceApi services;

    ServicesEndpoint(ServiceApi services) {
        this.services = services;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String pattern() {
        return "services";
    }

    @Override
    public void handle(HttpExchange exchange, String id) throws IOException {
        List<?> list = services.services();
        JsonExchange.send(exchange, 200, Map.of("services", list, "count", list.size()));
    }
}
