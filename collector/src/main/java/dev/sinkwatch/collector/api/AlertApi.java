package dev.sinkwatch.collector.api;

import dev.sinkwatch.collector.alert.AlertQuery;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP API needs from the alert layer. Values are serialized to JSON with Jackson as they are (records
 * and maps work), so the API does not restate the alert model.
 */
public interface AlertApi {

    /** {@code GET /api/alerts}: the alerts matching the query, newest first. */
    List<?> list(AlertQuery query);

    Optional<?> get(String id);

    /** @return the updated alert, or empty when there is no such alert */
    Optional<?> acknowledge(String id, String by);

    /** Adds the alert's finding to the baseline and resolves the alert; empty when there is no such alert. */
    Optional<?> approve(String id, String by);
}
