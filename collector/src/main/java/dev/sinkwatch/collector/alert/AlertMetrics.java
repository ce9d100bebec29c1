package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert layer's meters. Labels are bounded: detector (a fixed set of names in code), severity (3), receiver
 * (configured names), outcome (a few fixed words). Call sites, targets and alert ids never become labels.
 *
 * <ul>
 *   <li>{@code sinkwatch.alerts.raised} counter {detector, severity, outcome = new | repeat | reopened}</li>
 *   <li>{@code sinkwatch.alerts.active} gauge {severity}: firing alerts in the store (all collectors)</li>
 *   <li>{@code sinkwatch.alerts.deliveries} counter {receiver, outcome = ok | retried | failed}</li>
 *   <li>{@code sinkwatch.alerts.outbox.backlog} gauge: deliveries not yet done (all collectors)</li>
 * </ul>
 *
 * <p>Concurrency: gauges read {@link AtomicLong}s written by the sweeper thread; counters are thread-safe.
 */
final class AlertMetrics {

    private final MeterRegistry registry;
    private final Map<Severity, AtomicLong> active = new EnumMap<>(Severity.class);
    private final AtomicLong backlog = new AtomicLong();

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Severity severity : Severity.values()) {
            AtomicLong value = new AtomicLong();
            active.put(severity, value);
            Gauge.builder("sinkwatch.alerts.active", value, AtomicLong::get)
                    .description("Firing alerts in the store")
                    .tag("severity", severity.wireName())
                    .register(registry);
        }
        Gauge.builder("sinkwatch.alerts.outbox.backlog", backlog, AtomicLong::get)
                .description("Alert deliveries waiting in the outbox (pending, including retries)")
                .register(registry);
    }

    void raised(String detector, Severity severity, String outcome) {
        Counter.builder("sinkwatch.alerts.raised")
                .description("Findings turned into alerts: new alerts, repeats of firing ones, reopened ones")
                .tag("detector", detector).tag("severity", severity.wireName()).tag("outcome", outcome)
                .register(registry).increment();
    }

    void delivery(String receiver, String outcome) {
        Counter.builder("sinkwatch.alerts.deliveries")
                .description("Alert delivery attempts by outcome: ok, retried (will try again), failed (given up)")
                .tag("receiver", receiver).tag("outcome", outcome)
                .register(registry).increment();
    }

    void active(Map<Severity, Long> counts) {
        for (Severity severity : Severity.values()) {
            active.get(severity).set(counts.getOrDefault(severity, 0L));
        }
    }

    void backlog(long pending) {
        backlog.set(pending);
    }
}
