package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.Severity;
import java.util.Locale;

/**
 * Filters for {@link Alerts#list(AlertQuery)}; a null filter means "any". Results are newest first (by last seen).
 *
 * @param service  exact {@code service.name}
 * @param status   firing or resolved
 * @param severity exact severity
 * @param limit    1..{@value #MAX_LIMIT}; values outside are clamped, 0 or less means {@value #DEFAULT_LIMIT}
 */
public record AlertQuery(String service, AlertStatus status, Severity severity, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public AlertQuery {
        service = service == null || service.isBlank() ? null : service;
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }

    public static AlertQuery all() {
        return new AlertQuery(null, null, null, DEFAULT_LIMIT);
    }

    /**
     * From the API's query parameters ({@code ?service=&status=&severity=&limit=}); null or blank means any.
     *
     * @throws IllegalArgumentException on an unknown status or severity (the API answers 400)
     */
    public static AlertQuery parse(String service, String status, String severity, int limit) {
        AlertStatus parsedStatus = status == null || status.isBlank() ? null : AlertStatus.fromWireName(status);
        Severity parsedSeverity = null;
        if (severity != null && !severity.isBlank()) {
            try {
                parsedSeverity = Severity.valueOf(severity.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown severity '" + severity + "' (critical, warning, info)");
            }
        }
        return new AlertQuery(service, parsedStatus, parsedSeverity, limit);
    }
}
