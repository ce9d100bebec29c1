package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.CallSite;
import java.util.Map;

/** Human-readable pieces shared by the receivers. */
final class Texts {

    private Texts() {
    }

    /** {@code com.acme.OrderRepository.find(OrderRepository.java:42)}. */
    static String callSite(Alert alert) {
        CallSite site = alert.callSite();
        if (site == null) {
            return "(unknown call site)";
        }
        return site.function() + "(" + (site.file() == null ? "?" : site.file()) + ":" + site.line() + ")";
    }

    /** {@code jdbc query SELECT ...}. */
    static String sink(Alert alert) {
        StringBuilder text = new StringBuilder();
        if (alert.kind() != null) {
            text.append(alert.kind());
        }
        if (alert.operation() != null) {
            text.append(text.length() > 0 ? " " : "").append(alert.operation());
        }
        if (alert.target() != null) {
            text.append(text.length() > 0 ? " " : "").append(alert.target());
        }
        return text.toString();
    }

    /** {@code observed: x; baseline: y}. */
    static String evidence(Alert alert) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : alert.evidence().entrySet()) {
            text.append(text.length() > 0 ? "; " : "").append(entry.getKey()).append(": ").append(entry.getValue());
        }
        return text.toString();
    }

    /** A plain-text paragraph: what, where, evidence, who wrote it. */
    static String description(Alert alert) {
        StringBuilder text = new StringBuilder(alert.summary());
        text.append("\nService: ").append(alert.service().name()).append(' ').append(alert.service().version());
        text.append("\nSink: ").append(sink(alert));
        text.append("\nCall site: ").append(callSite(alert));
        String evidence = evidence(alert);
        if (!evidence.isEmpty()) {
            text.append("\nEvidence: ").append(evidence);
        }
        if (alert.attribution() != null) {
            text.append("\nWritten by: ").append(alert.attribution().describe());
        }
        text.append("\nSeen ").append(alert.count()).append(" times, first ").append(alert.firstSeen())
                .append(", last ").append(alert.lastSeen());
        return text.toString();
    }

    static String truncate(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        return text.length() <= maxChars ? text : text.substring(0, Math.max(0, maxChars - 1)) + "…";
    }
}
