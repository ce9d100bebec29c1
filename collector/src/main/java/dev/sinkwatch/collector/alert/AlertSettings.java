package dev.sinkwatch.collector.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How alerts are kept and delivered. Every setting has a default ({@link #defaults()}, listed in docs/alerts.md);
 * build variations with {@link #builder()}.
 *
 * @param receivers          where alerts go (default: none — alerts are still stored and served by the API)
 * @param resolveTimeout     a firing alert with no occurrence for this long is resolved (default 30 min)
 * @param resendInterval     Alertmanager receivers get every firing alert again this often, and each firing alert
 *                           carries {@code endsAt = now + 4 × resendInterval} as Prometheus does (default 1 min)
 * @param initialBackoff     wait before the first retry of a failed delivery; doubles per attempt (default 1 s)
 * @param maxBackoff         cap of the retry wait (default 5 min)
 * @param maxAttempts        a delivery is given up (state {@code failed}, counted as {@code dropped}) after this many
 *                           attempts (default 100: with the defaults above, about 8 hours of trying)
 * @param pollInterval       how often delivery workers look for due deliveries written by other collectors or due
 *                           retries; deliveries raised in this process are picked up at once (default 1 s)
 * @param sweepInterval      how often inactive alerts are resolved, resends queued and gauges refreshed (default 5 s)
 * @param requestTimeout     HTTP connect and request timeout per delivery (default 10 s)
 * @param leaseDuration      a claimed delivery belongs to its collector this long; after a crash mid-delivery another
 *                           collector (or the restarted one) retries it. Must exceed {@code requestTimeout}
 *                           (default 60 s)
 * @param workerThreads      delivery worker threads (default 2)
 * @param deliveryRetention  delivered and given-up outbox rows are deleted this long after they finished; pending
 *                           rows are never deleted (default 7 days)
 * @param publicUrl          the collector's API as users reach it; alert links are {@code {publicUrl}/api/alerts/{id}}
 *                           (default {@code http://localhost:4319})
 * @param dashboardUrl       dashboard link; {@code {service}} is replaced by the URL-encoded service name
 *                           (default empty: no dashboard link)
 * @param codeUrlTemplate    source-browser link; {@code {file}}, {@code {line}} and {@code {commit}} are replaced, e.g.
 *                           {@code https://github.com/acme/shop/blob/{commit}/{file}#L{line}} (default empty: none)
 */
public record AlertSettings(
        List<ReceiverSettings> receivers,
        Duration resolveTimeout,
        Duration resendInterval,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxAttempts,
        Duration pollInterval,
        Duration sweepInterval,
        Duration requestTimeout,
        Duration leaseDuration,
        int workerThreads,
        Duration deliveryRetention,
        String publicUrl,
        String dashboardUrl,
        String codeUrlTemplate) {

    public AlertSettings {
        receivers = List.copyOf(Objects.requireNonNull(receivers, "receivers"));
        Set<String> names = new HashSet<>();
        for (ReceiverSettings receiver : receivers) {
            if (!names.add(receiver.name())) {
                throw new IllegalArgumentException("two receivers are named '" + receiver.name()
                        + "'; give each a name ([name:]type=url)");
            }
        }
        positive("resolveTimeout", resolveTimeout);
        positive("resendInterval", resendInterval);
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        positive("pollInterval", pollInterval);
        positive("sweepInterval", sweepInterval);
        positive("requestTimeout", requestTimeout);
        positive("leaseDuration", leaseDuration);
        positive("deliveryRetention", deliveryRetention);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " < initialBackoff " + initialBackoff);
        }
        if (leaseDuration.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("leaseDuration " + leaseDuration + " must exceed requestTimeout "
                    + requestTimeout + " (else a slow delivery could be claimed twice)");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be >= 1, got " + workerThreads);
        }
        publicUrl = stripTrailingSlash(publicUrl == null || publicUrl.isBlank() ? "http://localhost:4319" : publicUrl);
        dashboardUrl = dashboardUrl == null ? "" : dashboardUrl.trim();
        codeUrlTemplate = codeUrlTemplate == null ? "" : codeUrlTemplate.trim();
    }

    public static AlertSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.receivers.addAll(receivers);
        builder.resolveTimeout = resolveTimeout;
        builder.resendInterval = resendInterval;
        builder.initialBackoff = initialBackoff;
        builder.maxBackoff = maxBackoff;
        builder.maxAttempts = maxAttempts;
        builder.pollInterval = pollInterval;
        builder.sweepInterval = sweepInterval;
        builder.requestTimeout = requestTimeout;
        builder.leaseDuration = leaseDuration;
        builder.workerThreads = workerThreads;
        builder.deliveryRetention = deliveryRetention;
        builder.publicUrl = publicUrl;
        builder.dashboardUrl = dashboardUrl;
        builder.codeUrlTemplate = codeUrlTemplate;
        return builder;
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** Defaults as documented on {@link AlertSettings}. */
    public static final class Builder {
        private final List<ReceiverSettings> receivers = new ArrayList<>();
        private Duration resolveTimeout = Duration.ofMinutes(30);
        private Duration resendInterval = Duration.ofMinutes(1);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private int maxAttempts = 100;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration sweepInterval = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration leaseDuration = Duration.ofSeconds(60);
        private int workerThreads = 2;
        private Duration deliveryRetention = Duration.ofDays(7);
        private String publicUrl = "http://localhost:4319";
        private String dashboardUrl = "";
        private String codeUrlTemplate = "";

        private Builder() {
        }

        public Builder receiver(ReceiverSettings receiver) {
            receivers.add(Objects.requireNonNull(receiver, "receiver"));
            return this;
        }

        public Builder receivers(List<ReceiverSettings> all) {
            receivers.clear();
            receivers.addAll(all);
            return this;
        }

        public Builder resolveTimeout(Duration value) {
            resolveTimeout = value;
            return this;
        }

        public Builder resendInterval(Duration value) {
            resendInterval = value;
            return this;
        }

        public Builder initialBackoff(Duration value) {
            initialBackoff = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            maxBackoff = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder sweepInterval(Duration value) {
            sweepInterval = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public Builder leaseDuration(Duration value) {
            leaseDuration = value;
            return this;
        }

        public Builder workerThreads(int value) {
            workerThreads = value;
            return this;
        }

        public Builder deliveryRetention(Duration value) {
            deliveryRetention = value;
            return this;
        }

        public Builder publicUrl(String value) {
            publicUrl = value;
            return this;
        }

        public Builder dashboardUrl(String value) {
            dashboardUrl = value;
            return this;
        }

        public Builder codeUrlTemplate(String value) {
            codeUrlTemplate = value;
            return this;
        }

        public AlertSettings build() {
            return new AlertSettings(receivers, resolveTimeout, resendInterval, initialBackoff, maxBackoff,
                    maxAttempts, pollInterval, sweepInterval, requestTimeout, leaseDuration, workerThreads,
                    deliveryRetention, publicUrl, dashboardUrl, codeUrlTemplate);
        }
    }
}
