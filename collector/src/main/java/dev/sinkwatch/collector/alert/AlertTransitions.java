package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;

/**
 * The alert lifecycle as a pure function: (row as stored, finding, now) → (new row, event to notify). No I/O, no
 * clock, no locks: {@link Alerts} reads the row under lock, calls {@link #onFinding}, writes what it returns and
 * queues the event in the same transaction.
 *
 * <ul>
 *   <li>no row: a new alert, {@code firing}, notified;</li>
 *   <li>a firing row: a repeat (count and last seen move, the acknowledgement stays), notified only when the
 *       severity rises ({@code escalated});</li>
 *   <li>a resolved row: reopened under the same id, active since now, acknowledgement cleared (it needs a person
 *       again), {@code reopened} notified; the count keeps adding up.</li>
 * </ul>
 */
final class AlertTransitions {

    /** What {@link AlertMetrics#raised} counts an occurrence as. */
    enum Outcome {
        NEW, REPEAT, REOPENED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param row     the alert after the occurrence
     * @param event   the notification to queue, or null for a quiet repeat
     * @param outcome how the occurrence counts
     */
    record Transition(AlertRow row, AlertEvent event, Outcome outcome) {
    }

    private AlertTransitions() {
    }

    /**
     * One occurrence of {@code finding} for the alert {@code id}.
     *
     * @param existing    the stored row, or null when there is none
     * @param attribution who wrote the call site, or null when unknown (a repeat keeps the attribution it had)
     * @param resendIntervalMillis when a new or reopened alert is next re-sent to Alertmanager
     */
    static Transition onFinding(AlertRow existing, String id, Finding finding, AlertAttribution attribution,
            long nowMs, long resendIntervalMillis) {
        if (existing == null) {
            AlertRow fresh = AlertRow.builder().id(id)
                    .service(finding.service().name(), finding.service().version())
                    .identity(finding.detector().wireName(), finding.callSite().id(), AlertIdentity.fingerprint(finding))
                    .severity(finding.severity())
                    .status(AlertStatus.FIRING)
                    .latest(finding.summary(), body(finding, attribution))
                    .count(1).firstSeenMs(nowMs).lastSeenMs(nowMs).activeSinceMs(nowMs)
                    .nextResendMs(nowMs + resendIntervalMillis)
                    .build();
            return new Transition(fresh, AlertEvent.FIRING, Outcome.NEW);
        }
        AlertRow.Body latest = body(finding, attribution != null ? attribution : existing.body().attribution());
        AlertRow.Builder next = existing.toBuilder()
                .serviceVersion(finding.service().version())
                .status(AlertStatus.FIRING)
                .latest(finding.summary(), latest)
                .count(existing.count() + 1)
                .lastSeenMs(Math.max(nowMs, existing.lastSeenMs()))
                .resolved(null, null);
        if (existing.status() == AlertStatus.RESOLVED) {
            next.severity(finding.severity())
                    .activeSinceMs(nowMs)
                    .acknowledged(false, null, null)
                    .reopenCount(existing.reopenCount() + 1)
                    .nextResendMs(nowMs + resendIntervalMillis);
            return new Transition(next.build(), AlertEvent.REOPENED, Outcome.REOPENED);
        }
        boolean escalated = finding.severity().ordinal() < existing.severity().ordinal();
        Severity severity = escalated ? finding.severity() : existing.severity();
        return new Transition(next.severity(severity).build(), escalated ? AlertEvent.ESCALATED : null,
                Outcome.REPEAT);
    }

    private static AlertRow.Body body(Finding finding, AlertAttribution attribution) {
        return new AlertRow.Body(finding.kind() == null ? null : finding.kind().wireName(), finding.operation(),
                finding.target(), finding.evidence(), finding.callSite(), attribution);
    }
}
