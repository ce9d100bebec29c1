package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One place alerts go.
 *
 * @param name        stable name: outbox rows refer to it, so renaming a receiver orphans its pending deliveries;
 *                    also the {@code receiver} meter label. Letters, digits, {@code -_.} only.
 * @param type        webhook, slack, alertmanager or log
 * @param url         webhook: the URL POSTed to; slack: the incoming-webhook URL; alertmanager: the base URL
 *                    ({@code http://am:9093}, the receiver appends {@code /api/v2/alerts}); log: ignored
 * @param minSeverity the least severe alert this receiver gets (default {@code info}: everything)
 * @param headers     extra HTTP headers, e.g. {@code Authorization}; never logged
 */
public record ReceiverSettings(String name, Type type, String url, Severity minSeverity, Map<String, String> headers) {

    public enum Type {
        WEBHOOK, SLACK, ALERTMANAGER, LOG;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReceiverSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[A-Za-z0-9_.-]{1,128}")) {
            throw new IllegalArgumentException("receiver name '" + name + "': use 1-128 of A-Z a-z 0-9 _ . -");
        }
        if (type != Type.LOG && (url == null || !(url.startsWith("http://") || url.startsWith("https://")))) {
            throw new IllegalArgumentException("receiver '" + name + "' (" + type.wireName()
                    + ") needs an http:// or https:// url, got '" + url + "'");
        }
        minSeverity = minSeverity == null ? Severity.INFO : minSeverity;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ReceiverSettings webhook(String name, String url) {
        return new ReceiverSettings(name, Type.WEBHOOK, url, Severity.INFO, Map.of());
    }

    public static ReceiverSettings slack(String name, String url) {
        return new ReceiverSettings(name, Type.SLACK, url, Severity.INFO, Map.of());
    }

    public static ReceiverSettings alertmanager(String name, String url) {
        return new ReceiverSettings(name, Type.ALERTMANAGER, url, Severity.INFO, Map.of());
    }

    public static ReceiverSettings log(String name) {
        return new ReceiverSettings(name, Type.LOG, null, Severity.INFO, Map.of());
    }

    public ReceiverSettings withMinSeverity(Severity severity) {
        return new ReceiverSettings(name, type, url, severity, headers);
    }

    public ReceiverSettings withHeaders(Map<String, String> extraHeaders) {
        return new ReceiverSettings(name, type, url, minSeverity, extraHeaders);
    }

    /** Redacted: the URL shows scheme, host and port only (Slack URLs are secrets), headers by name only. */
    @Override
    public String toString() {
        String where = "";
        if (url != null) {
            try {
                java.net.URI uri = java.net.URI.create(url);
                where = ", url=" + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort()
                        : "") + "/…";
            } catch (IllegalArgumentException e) {
                where = ", url=(unparseable)";
            }
        }
        return "ReceiverSettings[name=" + name + ", type=" + type.wireName() + where + ", minSeverity="
                + minSeverity.wireName() + ", headers=" + headers.keySet() + "]";
    }

    /** Whether an alert of {@code severity} goes to this receiver. */
    public boolean accepts(Severity severity) {
        return severity.ordinal() <= minSeverity.ordinal();
    }

    /**
     * Parses one receiver from a config string: {@code [name:]type[@minSeverity][=url]}, e.g.
     * {@code slack@warning=https://hooks.slack.com/services/...}, {@code oncall:alertmanager=http://am:9093},
     * {@code log}. The name defaults to the type.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ReceiverSettings parse(String spec) {
        String rest = Objects.requireNonNull(spec, "spec").trim();
        String url = null;
        int eq = rest.indexOf('=');
        if (eq >= 0) {
            url = rest.substring(eq + 1).trim();
            rest = rest.substring(0, eq).trim();
        }
        String name = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            name = rest.substring(0, colon).trim();
            rest = rest.substring(colon + 1).trim();
        }
        Severity min = Severity.INFO;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String severity = rest.substring(at + 1).trim();
            try {
                min = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("receiver '" + spec + "': unknown severity '" + severity
                        + "' (critical, warning, info)");
            }
            rest = rest.substring(0, at).trim();
        }
        Type type;
        try {
            type = Type.valueOf(rest.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receiver '" + spec + "': unknown type '" + rest
                    + "' (webhook, slack, alertmanager, log)");
        }
        return new ReceiverSettings(name == null || name.isEmpty() ? type.wireName() : name, type, url, min, Map.of());
    }
}
