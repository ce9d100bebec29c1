package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/alerts?service=&status=&severity=&limit=}: newest first; limit 1..1000, default 100. */
final class AlertListEndpoint implements Endpoint {

    static final Set<String> STATUSES = Set.of("open", "acknowledged", "resolved");
    static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private final AlertApi alerts;

    AlertListEndpoint(AlertApi alerts) {
        this.alerts = alerts;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String pattern() {
        return "alerts";
    }

    @Override
    public void handle(HttpExchange exchange, String id) throws IOException {
        Map<String, String> params = Query.parse(exchange.getRequestURI().getRawQuery());
        for (String name : params.keySet()) {
            if (!Set.of("service", "status", "severity", "limit").contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name
                        + "' (service, status, severity, limit)");
            }
        }
        String status = blankToNull(params.get("status"));
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES + ", got '" + status + "'");
        }
        String severity = blankToNull(params.get("severity"));
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity must be one of " + SEVERITIES + ", got '" + severity + "'");
        }
        int limit = 100;
        if (params.containsKey("limit")) {
            try {
                limit = Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit must be an integer, got '" + params.get("limit") + "'");
            }
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("limit must be 1..1000, got " + limit);
            }
        }
        List<?> list = alerts.list(new AlertApi.Query(blankToNull(params.get("service")), status, severity, limit));
        Json.send(exchange, 200, Map.of("alerts", list, "count", list.size()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
