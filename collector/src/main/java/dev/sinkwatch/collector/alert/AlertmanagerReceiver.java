package dev.sinkwatch.collector.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager API v2: {@code POST {url}/api/v2/alerts} with a one-element array. Labels (bounded, they
 * are Alertmanager's identity and routing keys): {@code alertname} ({@code sinkwatch_} + detector with every
 * character outside {@code [A-Za-z0-9_]} replaced by {@code _}), {@code service}, {@code severity},
 * {@code detector}, {@code kind}, {@code sinkwatch_id}. Annotations: {@code summary}, {@code description},
 * {@code call_site}, {@code code}, {@code attribution}, {@code dashboard}. {@code generatorURL} is the alert in the
 * collector.
 *
 * <p>While firing, the alert is re-sent every resend interval with {@code endsAt = now + 4 × resendInterval}, as
 * Prometheus does: if the collector stops, Alertmanager resolves the alert on its own after that time. Resolved
 * alerts carry {@code endsAt} = the time they were resolved.
 */
final class AlertmanagerReceiver extends HttpReceiver {

    private final Duration resendInterval;

    AlertmanagerReceiver(ReceiverSettings settings, HttpClient client, Duration requestTimeout,
                         Duration resendInterval) {
        super(settings, client, requestTimeout);
        this.resendInterval = resendInterval;
    }

    @Override
    URI target() {
        String base = settings().url();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith("/api/v2/alerts") ? base : base + "/api/v2/alerts");
    }

    @Override
    byte[] body(Delivery delivery) throws Exception {
        return AlertJson.MAPPER.writeValueAsBytes(List.of(payload(delivery.alert(), delivery.now(), resendInterval)));
    }

    static Map<String, Object> payload(Alert alert, Instant now, Duration resendInterval) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertName(alert.detector()));
        labels.put("service", alert.service().name());
        labels.put("severity", alert.severity());
        labels.put("detector", alert.detector());
        if (alert.kind() != null) {
            labels.put("kind", alert.kind());
        }
        labels.put("sinkwatch_id", alert.id());

        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", alert.summary());
        annotations.put("description", Texts.description(alert));
        annotations.put("call_site", Texts.callSite(alert));
        AlertLinks links = alert.links();
        if (links != null && links.code() != null) {
            annotations.put("code", links.codeUrl() != null ? links.codeUrl() : links.code());
        }
        if (alert.attribution() != null) {
            annotations.put("attribution", alert.attribution().describe());
        }
        if (links != null && links.dashboard() != null) {
            annotations.put("dashboard", links.dashboard());
        }

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("labels", labels);
        payload.put("annotations", annotations);
        payload.put("startsAt", alert.activeSince().toString());
        if (alert.firing()) {
            payload.put("endsAt", now.plus(resendInterval.multipliedBy(4)).toString());
        } else {
            payload.put("endsAt", (alert.resolvedAt() != null ? alert.resolvedAt() : now).toString());
        }
        if (links != null && links.alert() != null) {
            payload.put("generatorURL", links.alert());
        }
        return payload;
    }

    static String alertName(String detector) {
        return "sinkwatch_" + detector.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
