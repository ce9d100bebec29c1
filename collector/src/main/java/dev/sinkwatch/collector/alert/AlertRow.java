package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Severity;
import java.util.Map;

/**
 * An alert as stored: one row of {@code sinkwatch_alert}. The finding details that are not columns live in
 * {@link Body}, stored as JSON. Build one with {@link #builder()} or change one with {@link #toBuilder()}: a row has
 * 21 fields, too many to pass by position.
 */
record AlertRow(
        String id, String serviceName, String serviceVersion, String detector, String callSiteId,
        String targetFingerprint, Severity severity, AlertStatus status, String summary, Body body,
        long count, long firstSeenMs, long lastSeenMs, long activeSinceMs, Long resolvedAtMs,
        String resolveReason, boolean acknowledged, String acknowledgedBy, Long acknowledgedAtMs,
        int reopenCount, long nextResendMs) {

    /** The parts of the latest finding that are not columns. */
    record Body(String kind, String operation, String target, Map<String, String> evidence, CallSite callSite,
                AlertAttribution attribution) {
    }

    static Builder builder() {
        return new Builder();
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.serviceName = serviceName;
        b.serviceVersion = serviceVersion;
        b.detector = detector;
        b.callSiteId = callSiteId;
        b.targetFingerprint = targetFingerprint;
        b.severity = severity;
        b.status = status;
        b.summary = summary;
        b.body = body;
        b.count = count;
        b.firstSeenMs = firstSeenMs;
        b.lastSeenMs = lastSeenMs;
        b.activeSinceMs = activeSinceMs;
        b.resolvedAtMs = resolvedAtMs;
        b.resolveReason = resolveReason;
        b.acknowledged = acknowledged;
        b.acknowledgedBy = acknowledgedBy;
        b.acknowledgedAtMs = acknowledgedAtMs;
        b.reopenCount = reopenCount;
        b.nextResendMs = nextResendMs;
        return b;
    }

    /** Fields default to empty: no resolution, no acknowledgement, no reopening. */
    static final class Builder {
        private String id;
        private String serviceName;
        private String serviceVersion;
        private String detector;
        private String callSiteId;
        private String targetFingerprint;
        private Severity severity;
        private AlertStatus status;
        private String summary;
        private Body body;
        private long count;
        private long firstSeenMs;
        private long lastSeenMs;
        private long activeSinceMs;
        private Long resolvedAtMs;
        private String resolveReason;
        private boolean acknowledged;
        private String acknowledgedBy;
        private Long acknowledgedAtMs;
        private int reopenCount;
        private long nextResendMs;

        private Builder() {
        }

        Builder id(String value) {
            id = value;
            return this;
        }

        /** The service name is part of the identity; the version is the latest seen. */
        Builder service(String name, String version) {
            serviceName = name;
            serviceVersion = version;
            return this;
        }

        Builder serviceVersion(String value) {
            serviceVersion = value;
            return this;
        }

        /** The rest of the identity: detector, call site and target fingerprint. */
        Builder identity(String detectorName, String callSite, String fingerprint) {
            detector = detectorName;
            callSiteId = callSite;
            targetFingerprint = fingerprint;
            return this;
        }

        Builder severity(Severity value) {
            severity = value;
            return this;
        }

        Builder status(AlertStatus value) {
            status = value;
            return this;
        }

        /** The latest finding's summary and details. */
        Builder latest(String summaryText, Body details) {
            summary = summaryText;
            body = details;
            return this;
        }

        Builder count(long value) {
            count = value;
            return this;
        }

        Builder firstSeenMs(long value) {
            firstSeenMs = value;
            return this;
        }

        Builder lastSeenMs(long value) {
            lastSeenMs = value;
            return this;
        }

        Builder activeSinceMs(long value) {
            activeSinceMs = value;
            return this;
        }

        Builder resolved(Long atMs, String reason) {
            resolvedAtMs = atMs;
            resolveReason = reason;
            return this;
        }

        Builder acknowledged(boolean value, String by, Long atMs) {
            acknowledged = value;
            acknowledgedBy = by;
            acknowledgedAtMs = atMs;
            return this;
        }

        Builder reopenCount(int value) {
            reopenCount = value;
            return this;
        }

        Builder nextResendMs(long value) {
            nextResendMs = value;
            return this;
        }

        AlertRow build() {
            return new AlertRow(id, serviceName, serviceVersion, detector, callSiteId, targetFingerprint, severity,
                    status, summary, body, count, firstSeenMs, lastSeenMs, activeSinceMs, resolvedAtMs, resolveReason,
                    acknowledged, acknowledgedBy, acknowledgedAtMs, reopenCount, nextResendMs);
        }
    }
}
