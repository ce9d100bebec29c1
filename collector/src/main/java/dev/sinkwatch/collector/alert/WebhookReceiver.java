package dev.sinkwatch.collector.alert;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generic webhook: POSTs {@code {"version":"1","event":...,"deliveryId":...,"receiver":...,"sentAt":...,"alert":{...}}}
 * (docs/alerts.md). Delivery is at least once: receivers dedupe on {@code deliveryId} (also the
 * {@code X-Sinkwatch-Delivery} header).
 */
final class WebhookReceiver extends HttpReceiver {

    static final String VERSION = "1";

    WebhookReceiver(ReceiverSettings settings, HttpClient client, Duration requestTimeout) {
        super(settings, client, requestTimeout);
    }

    @Override
    byte[] body(Delivery delivery) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", VERSION);
        body.put("event", delivery.event());
        body.put("deliveryId", delivery.id());
        body.put("receiver", settings().name());
        body.put("sentAt", delivery.now().toString());
        body.put("alert", delivery.alert());
        return AlertJson.MAPPER.writeValueAsBytes(body);
    }

    @Override
    Map<String, String> headers(Delivery delivery) {
        return Map.of("X-Sinkwatch-Event", delivery.event(),
                "X-Sinkwatch-Delivery", Long.toString(delivery.id()),
                "X-Sinkwatch-Alert", delivery.alert().id());
    }
}
