package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code GET /api/alerts/{id}}: the alert with its evidence, call site and attribution; 404 when unknown. */
final class AlertGetEndpoint implements Endpoint {

    private final AlertApi alerts;

    AlertGetEndpoint(AlertApi alerts) {
        this.alerts = alerts;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String pattern() {
        return "alerts/{id}";
    }

    @Override
    public void handle(HttpExchange exchange, String id) throws IOException {
        JsonExchange.sendAlert(exchange, alerts.get(id), id);
    }
}
