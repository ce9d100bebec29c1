package dev.sinkwatch.collector.alert;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the configured receivers, by name, sharing one HTTP client (no redirects, the configured timeouts). */
final class Receivers {

    private Receivers() {
    }

    static Map<String, Receiver> from(AlertSettings settings) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Map<String, Receiver> byName = new LinkedHashMap<>();
        for (ReceiverSettings receiver : settings.receivers()) {
            byName.put(receiver.name(), switch (receiver.type()) {
                case WEBHOOK -> new WebhookReceiver(receiver, client, settings.requestTimeout());
                case SLACK -> new SlackReceiver(receiver, client, settings.requestTimeout());
                case ALERTMANAGER -> new AlertmanagerReceiver(receiver, client, settings.requestTimeout(),
                        settings.resendInterval());
                case LOG -> new LogReceiver(receiver);
            });
        }
        return Map.copyOf(byName);
    }
}
