package dev.sinkwatch.collector.metrics;

import dev.sinkwatch.collector.ingest.LogDecoder.AgentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Delivery health as the agents report it in {@code sinkwatch.agent.status}: keys held, key overflow and records the
 * exporter dropped, summed over the instances of each service (latest report per instance).
 *
 * <p>An instance whose last report is older than {@code expiry} is forgotten (a JVM that stopped must not go on
 * counting in the sums), and at most {@value #MAX_INSTANCES} instances are kept (beyond, the stalest go first), so
 * memory does not follow the number of JVMs ever seen.
 *
 * <p>Concurrency: {@link #accept} runs on HTTP worker threads; the per-instance map is concurrent; gauges read it,
 * and expire it, when scraped.
 */
public final class AgentHealth implements Consumer<AgentStatus> {

    static final int MAX_INSTANCES = 10_000;

    private record Report(AgentStatus status, long receivedMillis) {
    }

    private final MeterRegistry registry;
    private final ServiceLabels labels;
    private final long expiryMillis;
    private final Clock clock;
    private final Map<String, Report> latestByInstance = new ConcurrentHashMap<>();
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();

    public AgentHealth(MeterRegistry registry, ServiceLabels labels) {
        this(registry, labels, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /** @param expiry how long an instance counts after its last status report */
    public AgentHealth(MeterRegistry registry, ServiceLabels labels, Duration expiry, Clock clock) {
        this.registry = registry;
        this.labels = labels;
        this.expiryMillis = expiry.toMillis();
        this.clock = clock;
    }

    @Override
    public void accept(AgentStatus status) {
        String label = labels.label(status.service());
        latestByInstance.put(status.service() + "\u0000" + status.instanceId(), new Report(status, clock.millis()));
        if (latestByInstance.size() > MAX_INSTANCES) {
            expire();
            if (latestByInstance.size() > MAX_INSTANCES) {
                latestByInstance.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().receivedMillis()))
                        .ifPresent(e -> latestByInstance.remove(e.getKey(), e.getValue()));
            }
        }
        registered.computeIfAbsent(label, this::register);
    }

    /** The latest status of every instance heard from within the expiry. */
    private Collection<AgentStatus> live() {
        expire();
        return latestByInstance.values().stream().map(Report::status).toList();
    }

    private void expire() {
        long cutoff = clock.millis() - expiryMillis;
        latestByInstance.values().removeIf(r -> r.receivedMillis() < cutoff);
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
        Gauge.builder("sinkwatch.agent.instances", () -> live().stream()
                        .filter(s -> labels.label(s.service()).equals(label)).count())
                .description("Agent instances (JVMs) that reported status").tag("service", label).register(registry);
        return Boolean.TRUE;
    }

    private double sum(String label, java.util.function.ToLongFunction<AgentStatus> field) {
        long total = 0;
        for (AgentStatus status : live()) {
            if (labels.label(status.service()).equals(label)) {
                total += field.applyAsLong(status);
            }
        }
        return total;
    }
}
