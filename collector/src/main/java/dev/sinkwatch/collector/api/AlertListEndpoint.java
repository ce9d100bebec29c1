package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import dev.sinkwatch.collector.alert.AlertQuery;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/alerts?service=&status=firing|resolved&severity=critical|warning|info&limit=}: newest first;
 * limit 1..1000, default 100.
 */
final class AlertListEndpoint implements Endpoint {

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
        Map<String, String> params = QueryString.parse(exchange.getRequestURI().getRawQuery());
        for (String name : params.keySet()) {
            if (!Set.of("service", "status", "severity", "limit").contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name
                        + "' (service, status, severity, limit)");
            }
        }
        // status and severity are checked by AlertQuery.parse (IllegalArgumentException → 400)
        String status = blankToNull(params.get("status"));
        String severity = blankToNull(params.get("severity"));
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
        List<?> list = alerts.list(AlertQuery.parse(blankToNull(params.get("service")), status, severity, limit));
        JsonExchange.send(exchange, 200, Map.of("alerts", list, "count", list.size()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
