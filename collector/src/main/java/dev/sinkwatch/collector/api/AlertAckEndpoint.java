package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code POST /api/alerts/{id}/ack}: marks the alert acknowledged; returns it. */
final class AlertAckEndpoint implements Endpoint {

    private final AlertApi alerts;

    AlertAckEndpoint(AlertApi alerts) {
        this.alerts = alerts;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String pattern() {
        return "alerts/{id}/ack";
    }

    @Override
    public void handle(HttpExchange exchange, String id) throws IOException {
        JsonExchange.sendAlert(exchange, alerts.acknowledge(id, Actor.of(exchange)), id);
    }
}
