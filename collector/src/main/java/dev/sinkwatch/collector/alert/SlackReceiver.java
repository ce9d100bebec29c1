package dev.sinkwatch.collector.alert;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhook: Block Kit (header, summary, fields, evidence, attribution, links) with a {@code text}
 * fallback for notifications. Slack's limits are respected by truncation: header 150 chars, section text 3000,
 * field 2000.
 */
final class SlackReceiver extends HttpReceiver {

    SlackReceiver(ReceiverSettings settings, HttpClient client, Duration requestTimeout) {
        super(settings, client, requestTimeout);
    }

    @Override
    byte[] body(Delivery delivery) throws Exception {
        return AlertJson.MAPPER.writeValueAsBytes(payload(delivery));
    }

    static Map<String, Object> payload(Delivery delivery) {
        Alert alert = delivery.alert();
        String state = switch (delivery.event()) {
            case "resolved" -> "RESOLVED";
            case "reopened" -> "REOPENED";
            case "escalated" -> "ESCALATED";
            default -> "FIRING";
        };
        String icon = delivery.event().equals("resolved") ? ":white_check_mark:" : switch (alert.severity()) {
            case "critical" -> ":red_circle:";
            case "warning" -> ":large_orange_circle:";
            default -> ":large_blue_circle:";
        };
        String fallback = "[" + state + " " + alert.severity().toUpperCase() + "] " + alert.service().name() + ": "
                + alert.summary();

        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(Texts.truncate(
                state + " · " + alert.severity() + " · " + alert.service().name() + " · " + alert.detector(), 150))));
        blocks.add(section(icon + " *" + escape(alert.summary()) + "*"));

        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(mrkdwn("*Service*\n" + escape(alert.service().name() + " " + alert.service().version())));
        fields.add(mrkdwn("*Call site*\n`" + escape(Texts.callSite(alert)) + "`"));
        fields.add(mrkdwn("*Sink*\n" + escape(nullToEmpty(alert.kind()) + " " + nullToEmpty(alert.operation()))));
        fields.add(mrkdwn("*Target*\n`" + escape(Texts.truncate(alert.target(), 1900)) + "`"));
        fields.add(mrkdwn("*Seen*\n" + alert.count() + "× since " + alert.firstSeen()));
        fields.add(mrkdwn("*Status*\n" + alert.status() + (alert.acknowledged() ? " (acknowledged by "
                + escape(nullToEmpty(alert.acknowledgedBy())) + ")" : "")));
        blocks.add(Map.of("type", "section", "fields", fields));

        if (!alert.evidence().isEmpty()) {
            StringBuilder evidence = new StringBuilder("*Evidence*");
            alert.evidence().forEach((key, value) -> evidence.append("\n• ").append(escape(key)).append(": `")
                    .append(escape(value)).append('`'));
            blocks.add(section(Texts.truncate(evidence.toString(), 3000)));
        }
        if (alert.attribution() != null) {
            blocks.add(section(Texts.truncate((alert.attribution().ai() ? ":robot_face: " : "") + "*Written by* "
                    + escape(alert.attribution().describe()), 3000)));
        }
        List<String> links = new ArrayList<>();
        AlertLinks alertLinks = alert.links();
        if (alertLinks != null) {
            if (alertLinks.alert() != null) {
                links.add("<" + alertLinks.alert() + "|Alert " + alert.id().substring(0, 8) + ">");
            }
            if (alertLinks.codeUrl() != null) {
                links.add("<" + alertLinks.codeUrl() + "|" + escape(nullToEmpty(alertLinks.code())) + ">");
            } else if (alertLinks.code() != null) {
                links.add("`" + escape(alertLinks.code()) + "`");
            }
            if (alertLinks.dashboard() != null) {
                links.add("<" + alertLinks.dashboard() + "|Dashboard>");
            }
        }
        if (!links.isEmpty()) {
            blocks.add(Map.of("type", "context", "elements", List.of(mrkdwn(String.join(" · ", links)))));
        }

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", fallback);
        payload.put("blocks", blocks);
        return payload;
    }

    private static Map<String, Object> section(String markdown) {
        return Map.of("type", "section", "text", mrkdwn(markdown));
    }

    private static Map<String, Object> mrkdwn(String markdown) {
        return Map.of("type", "mrkdwn", "text", Texts.truncate(markdown, 2000));
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", true);
    }

    /** Slack's three control characters in mrkdwn. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
