package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.FindingRef;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One deduplicated alert: everything a person needs to act on it, and the JSON of the REST API
 * ({@code GET /api/alerts/{id}}; documented field by field in docs/alerts.md). Immutable snapshot; read the current
 * state with {@link Alerts#get(String)}.
 *
 * <p>Identity: {@link #id()} is a stable hash of (service name, detector, call site id, target fingerprint), so the
 * same anomaly gets the same id on every collector and after every restart.
 *
 * @param id                32 lower-case hex digits (first 128 bits of SHA-256 over the identity)
 * @param status            {@code firing} or {@code resolved}
 * @param severity          {@code critical}, {@code warning} or {@code info}: the highest seen while this activation
 *                          fired
 * @param acknowledged      someone has taken it; cleared when a resolved alert reopens
 * @param summary           one line, from the detector
 * @param kind              sink kind wire name ({@code jdbc}, {@code file}, ...), null if the finding had none
 * @param target            the normalised target of the latest occurrence
 * @param targetFingerprint the part of the target that identifies the anomaly (part of the identity)
 * @param evidence          observed vs baseline, short human-readable values, from the latest occurrence
 * @param callSite          the application frames behind the sink call
 * @param attribution       AI attribution of the call site; null when the collector has no index for it
 * @param count             occurrences since the alert was first raised (over all activations)
 * @param firstSeen         first occurrence ever
 * @param lastSeen          latest occurrence
 * @param activeSince       start of the current activation: first seen, or the time it last reopened
 * @param resolvedAt        when it was resolved; null while firing
 * @param resolveReason     why: {@code inactive for PT30M} or the reason given to {@link Alerts#resolve}
 * @param reopenCount       how many times it fired again after being resolved
 */
public record Alert(
        String id,
        String status,
        String severity,
        boolean acknowledged,
        String acknowledgedBy,
        @JsonSerialize(using = InstantJson.Serializer.class) @JsonDeserialize(using = InstantJson.Deserializer.class)
        Instant acknowledgedAt,
        String summary,
        String detector,
        ServiceId service,
        String kind,
        String operation,
        String target,
        String targetFingerprint,
        Map<String, String> evidence,
        CallSite callSite,
        AlertAttribution attribution,
        AlertLinks links,
        long count,
        @JsonSerialize(using = InstantJson.Serializer.class) @JsonDeserialize(using = InstantJson.Deserializer.class)
        Instant firstSeen,
        @JsonSerialize(using = InstantJson.Serializer.class) @JsonDeserialize(using = InstantJson.Deserializer.class)
        Instant lastSeen,
        @JsonSerialize(using = InstantJson.Serializer.class) @JsonDeserialize(using = InstantJson.Deserializer.class)
        Instant activeSince,
        @JsonSerialize(using = InstantJson.Serializer.class) @JsonDeserialize(using = InstantJson.Deserializer.class)
        Instant resolvedAt,
        String resolveReason,
        int reopenCount) {

    public Alert {
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** {@link #status()} as the enum. */
    public AlertStatus statusValue() {
        return AlertStatus.fromWireName(status);
    }

    /** {@link #severity()} as the enum. */
    public Severity severityValue() {
        return Severity.valueOf(severity.toUpperCase(Locale.ROOT));
    }

    /**
     * The finding this alert was raised for, typed, as approving it needs: detector and kind read back from their
     * stored wire names.
     *
     * @throws IllegalArgumentException when the stored detector or kind is not one this collector knows
     */
    public FindingRef findingRef() {
        return new FindingRef(Detector.fromWireName(detector), service, callSite == null ? null : callSite.id(),
                kind == null ? null : SinkKind.fromWireName(kind), operation, target);
    }

    public boolean firing() {
        return AlertStatus.FIRING.wireName().equals(status);
    }
}
