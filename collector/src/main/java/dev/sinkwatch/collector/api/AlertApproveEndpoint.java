package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code POST /api/alerts/{id}/approve}: adds the finding to the baseline and resolves the alert; returns it. */
final class AlertApproveEndpoint implements Endpoint {

    private final AlertApi alerts;

    AlertApproveEndpoint(AlertApi alerts) {
        this.alerts = alerts;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String pattern() {
        return "alerts/{id}/approve";
    }

    @Override
    public void handle(HttpExchange exchange, String id) throws IOException {
        JsonExchange.sendAlert(exchange, alerts.approve(id, Actor.of(exchange)), id);
    }
}
