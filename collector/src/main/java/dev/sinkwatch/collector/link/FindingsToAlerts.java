package dev.sinkwatch.collector.link;

import dev.sinkwatch.collector.alert.AlertAttribution;
import dev.sinkwatch.collector.alert.Alerts;
import dev.sinkwatch.collector.metrics.ServiceLabels;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.pipeline.Pipeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where the pipeline's findings go, in one direction: attribute the finding's call site (at the revision the agent
 * reported), raise its alert with that attribution, then count it, once, in {@code sinkwatch.findings{service,
 * detector, severity, attribution}}. The alert layer counts separately what it did with it
 * ({@code sinkwatch.alerts.raised{outcome}}); detection counts nothing.
 *
 * <p>Concurrency: called by the pipeline workers concurrently; {@link Alerts} and the indexes are thread-safe, and
 * a finding whose alert could not be written throws before it is counted.
 */
public final class FindingsToAlerts implements Pipeline.FindingSink {
    private final AttributionIndexes attribution;
    private final Alerts alerts;
    private final MeterRegistry registry;
    private final ServiceLabels labels;

    public FindingsToAlerts(AttributionIndexes attribution, Alerts alerts, MeterRegistry registry,
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
        alerts.raise(finding, linked);
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
