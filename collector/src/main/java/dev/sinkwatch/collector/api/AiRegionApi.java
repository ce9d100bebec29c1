package dev.sinkwatch.collector.api;

import java.util.List;
import java.util.Optional;

/** The AI-attributed regions of a service's code and what each was seen doing ({@code GET /api/attribution/regions}). */
@FunctionalInterface
public interface AiRegionApi {

    /** @return the regions (serialized as JSON), or empty when no attribution index covers the service */
    Optional<List<?>> regions(String serviceName);
}
