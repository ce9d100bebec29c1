package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}: 200 {@code {"status":"ok",...}} while the collector can take data, 503
 * {@code {"status":"unhealthy",...}} otherwise. The check returns the details; key {@code healthy} decides.
 */
public final class HealthHandler implements HttpHandler {

    private final Supplier<Map<String, Object>> check;

    public HealthHandler(Supplier<Map<String, Object>> check) {
        this.check = check;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, Object> details = new java.util.LinkedHashMap<>(check.get());
            boolean healthy = Boolean.TRUE.equals(details.remove("healthy"));
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("status", healthy ? "ok" : "unhealthy");
            body.putAll(details);
            JsonExchange.send(exchange, healthy ? 200 : 503, body);
        }
    }
}
