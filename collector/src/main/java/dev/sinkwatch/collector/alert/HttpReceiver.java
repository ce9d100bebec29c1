package dev.sinkwatch.collector.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a JSON body and classifies the answer: 2xx delivered; 408, 429 and 5xx (and I/O errors) retried, honouring
 * {@code Retry-After} seconds; other 4xx rejected for good (a malformed payload or a revoked hook does not get better
 * by retrying). The URL is never put into errors or logs: Slack webhook URLs are secrets.
 */
abstract class HttpReceiver implements Receiver {

    private static final int MAX_ERROR_BODY_CHARS = 300;

    private final ReceiverSettings settings;
    private final HttpClient client;
    private final Duration requestTimeout;

    HttpReceiver(ReceiverSettings settings, HttpClient client, Duration requestTimeout) {
        this.settings = settings;
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public ReceiverSettings settings() {
        return settings;
    }

    /** The URL to POST to; by default the configured URL. */
    URI target() {
        return URI.create(settings.url());
    }

    abstract byte[] body(Delivery delivery) throws Exception;

    /** Extra headers for this delivery (the configured ones are always added). */
    Map<String, String> headers(Delivery delivery) {
        return Map.of();
    }

    @Override
    public Result deliver(Delivery delivery) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(target())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "sinkwatch-collector")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(delivery)));
        headers(delivery).forEach(request::header);
        settings.headers().forEach(request::header);
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Result.ok();
        }
        String detail = "HTTP " + status + ": " + abbreviate(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            long retryAfterMillis = response.headers().firstValue("Retry-After").map(HttpReceiver::seconds)
                    .orElse(0L) * 1000;
            return new Result(Result.Outcome.RETRY, detail, retryAfterMillis);
        }
        return Result.rejected(detail);
    }

    private static long seconds(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0; // an HTTP date: ignore, the backoff applies
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_ERROR_BODY_CHARS ? oneLine : oneLine.substring(0, MAX_ERROR_BODY_CHARS) + "…";
    }
}
