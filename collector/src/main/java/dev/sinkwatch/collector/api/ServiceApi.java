package dev.sinkwatch.collector.api;

import java.util.List;

/** What {@code GET /api/services} shows: services, their versions, profile states and counts. */
@FunctionalInterface
public interface ServiceApi {
    List<?> services();
}
