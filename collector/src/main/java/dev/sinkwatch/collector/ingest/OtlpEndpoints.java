package dev.sinkwatch.collector.ingest;

import com.sun.net.httpserver.HttpHandler;
import dev.sinkwatch.collector.ingest.LogDecoder.AgentStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The OTLP/HTTP endpoints by path, for the server in {@code Main} to mount. */
public final class OtlpEndpoints {

    private OtlpEndpoints() {
    }

    public static Map<String, HttpHandler> create(IngestSettings settings, IngestMetrics metrics,
            ObservationQueue queue, Consumer<AgentStatus> agentHealth) {
        Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        handlers.put("/v1/logs", new LogsHandler(settings, metrics, queue, agentHealth));
        handlers.put("/v1/metrics", new MetricsHandler(settings, metrics));
        handlers.put("/v1/traces", new TracesHandler(settings, metrics));
        return handlers;
    }
}
