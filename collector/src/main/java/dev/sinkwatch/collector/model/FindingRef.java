package dev.sinkwatch.collector.model;

import dev.sinkwatch.contract.SinkKind;

/**
 * What approving a finding acts on: its detector (which says what approval changes, {@link Detector#approval()}),
 * and the baseline entry it judged — service version, call site, and (kind, operation, target). Made from a finding
 * ({@link Finding#ref()}) or from the alert raised for one.
 */
public record FindingRef(Detector detector, ServiceId service, String callSiteId, SinkKind kind, String operation,
                         String target) {
}
