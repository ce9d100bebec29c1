package dev.sinkwatch.collector.metrics;

import dev.sinkwatch.collector.ingest.LogDecoder.AgentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Delivery health as the agents report it in {@code sinkwatch.agent.status}: keys held, key overflow and records the
 * exporter dropped, summed over the instances of each service (latest report per instance).
 *
 * <p>Concurrency: {@link #accept} runs on HTTP worker threads; the per-instance map is concurrent and gauges read
 * it when scraped. Instances are never forgotten (bounded by the number of JVMs seen since start).
 */
public final class AgentHealth implements Consumer<AgentStatus> {

    private final MeterRegistry registry;
    private final ServiceLabels labels;
    private final Map<String, AgentStatus> latestByInstance = new ConcurrentHashMap<>();
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();

    public AgentHealth(MeterRegistry registry, ServiceLabels labels) {
        this.registry = registry;
        this.labels = labels;
    }

    @Override
    public void accept(AgentStatus status) {
        String label = labels.label(status.service());
        latestByInstance.put(status.service() + "\u0000" + status.instanceId(), status);
        registered.computeIfAbsent(label, this::register);
    }

    private Boolean register(String label) {
        Gauge.builder("sinkwatch.agent.keys", () -> sum(label, AgentStatus::keys))
                .description("Keys held by the agents of a service (latest status per instance)")
                .tag("service", label).register(registry);
        Gauge.builder("sinkwatch.agent.keys.overflow", () -> sum(label, AgentStatus::keysOverflow))
                .description("Calls not keyed because the agent's key cap was reached, since agent start")
                .tag("service", label).register(registry);
        Gauge.builder("sinkwatch.agent.export.dropped", () -> sum(label, AgentStatus::exportDropped))
                .description("Records the agents' exporters dropped, since agent start")
                .tag("service", label).register(registry);
        Gauge.builder("sinkwatch.agent.instances", () -> latestByInstance.values().stream()
                        .filter(s -> labels.label(s.service()).equals(label)).count())
                .description("Agent instances (JVMs) that reported status").tag("service", label).register(registry);
        return Boolean.TRUE;
    }

    private double sum(String label, java.util.function.ToLongFunction<AgentStatus> field) {
        long total = 0;
        for (AgentStatus status : latestByInstance.values()) {
            if (labels.label(status.service()).equals(label)) {
                total += field.applyAsLong(status);
            }
        }
        return total;
    }
}
