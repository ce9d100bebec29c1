package dev.sinkwatch.collector.link;

import dev.sinkwatch.collector.alert.AlertAttribution;
import dev.sinkwatch.collector.alert.FindingOutbox;
import dev.sinkwatch.collector.metrics.ServiceLabels;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.pipeline.Pipeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where the pipeline's findings go, in one direction: attribute the finding's call site (at the revision the agent
 * reported), hand it with that attribution to the alert layer's {@link FindingOutbox} (which raises its alert),
 * then count it, once, in {@code sinkwatch.findings{service, detector, severity, attribution}}. The alert layer
 * counts separately what it did with it ({@code sinkwatch.alerts.raised{outcome}}); detection counts nothing.
 *
 * <p>Concurrency: called by the pipeline workers concurrently; the outbox and the indexes are thread-safe, and a
 * finding the outbox refused throws before it is counted.
 */
public final class FindingsToAlerts implements Pipeline.FindingSink {
    private final AttributionIndexes attribution;
    private final FindingOutbox alerts;
    private final MeterRegistry registry;
    private final ServiceLabels labels;

    /** @param alerts where findings wait for the alert store (raised there by its own thread) */
    public FindingsToAlerts(AttributionIndexes attribution, FindingOutbox alerts, MeterRegistry registry,
                            ServiceLabels labels) {
        this.attribution = attribution;
        this.alerts = alerts;
        this.registry = registry;
        this.labels = labels;
    }

    @Override
    public void accept(Observation cause, Finding finding) {
        AlertAttribution linked = attribution
                .alertAttribution(finding.service(), cause.revision(), finding.callSite()).orElse(null);
        alerts.add(finding, linked);
        Counter.builder("sinkwatch.findings").description("Findings raised by detectors")
                .tags("service", labels.label(finding.service().name()), "detector", finding.detector().wireName(),
                        "severity", finding.severity().wireName(),
                        "attribution", attributionLabel(linked == null ? null : linked.attributionClass()))
                .register(registry).increment();
    }

    /** Keeps the label to its three values ({@code ai}, {@code human}, {@code unknown}) whatever the index says. */
    static String attributionLabel(String attributionClass) {
        return "ai".equals(attributionClass) || "human".equals(attributionClass) ? attributionClass : "unknown";
    }
}
