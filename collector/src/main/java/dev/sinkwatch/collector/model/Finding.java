package dev.sinkwatch.collector.model;

import dev.sinkwatch.contract.SinkKind;
import java.util.Map;
import java.util.Objects;

/**
 * What a detector concluded about an observation. Pure data: detectors create findings, the alert layer turns
 * them into deduplicated, persisted, delivered alerts.
 *
 * @param detector          the detector, typed; its wire name is part of the alert identity
 * @param targetFingerprint the part of the target that identifies "the same anomaly" for dedup
 *                          (alert identity = service name, detector, call site id, target fingerprint)
 * @param evidence          what was observed and what the baseline holds, as short human-readable values
 */
public record Finding(
        Detector detector,
        Severity severity,
        String summary,
        ServiceId service,
        SinkKind kind,
        String operation,
        String target,
        String targetFingerprint,
        CallSite callSite,
        Map<String, String> evidence,
        long observedUnixMillis) {

    public Finding {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(callSite, "callSite");
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** What approving this finding acts on. */
    public FindingRef ref() {
        return new FindingRef(detector, service, callSite.id(), kind, operation, target);
    }
}
