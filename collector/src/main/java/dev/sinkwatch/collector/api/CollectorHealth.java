package dev.sinkwatch.collector.api;

import dev.sinkwatch.collector.pipeline.Pipeline;
import dev.sinkwatch.collector.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code GET /healthz} reports: the pipeline running and the store reachable (within 2 s). */
public final class CollectorHealth {

    private CollectorHealth() {
    }

    /** The details for {@link HealthHandler}; key {@code healthy} decides the status. */
    public static Map<String, Object> check(Pipeline pipeline, Database database) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean storeOk;
        try (var connection = database.connection()) {
            storeOk = connection.isValid(2);
        } catch (Exception e) {
            storeOk = false;
        }
        details.put("healthy", pipeline.healthy() && storeOk);
        details.put("pipeline", pipeline.healthy() ? "running" : "stopped");
        details.put("store", storeOk ? "ok" : "unreachable");
        details.put("queueDepth", pipeline.depth());
        details.put("queueCapacity", pipeline.capacity());
        details.put("processed", pipeline.processed());
        return details;
    }
}
