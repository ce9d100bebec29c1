package dev.sinkwatch.collector.alert;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes one line per delivery to {@code java.util.logging} (logger {@code dev.sinkwatch.collector.alert.log}). */
final class LogReceiver implements Receiver {

    private static final Logger LOG = Logger.getLogger("dev.sinkwatch.collector.alert.log");

    private final ReceiverSettings settings;

    LogReceiver(ReceiverSettings settings) {
        this.settings = settings;
    }

    @Override
    public ReceiverSettings settings() {
        return settings;
    }

    @Override
    public Result deliver(Delivery delivery) {
        LOG.log(delivery.event().equals("resolved") ? Level.INFO : Level.WARNING, line(delivery));
        return Result.ok();
    }

    static String line(Delivery delivery) {
        Alert alert = delivery.alert();
        StringBuilder line = new StringBuilder("sinkwatch alert ").append(delivery.event())
                .append(" [").append(alert.severity()).append("] ")
                .append(alert.service().name()).append(' ').append(alert.service().version())
                .append(' ').append(alert.detector()).append(": ").append(alert.summary())
                .append(" | at ").append(Texts.callSite(alert))
                .append(" | count=").append(alert.count())
                .append(" id=").append(alert.id());
        if (alert.attribution() != null) {
            line.append(" | written by ").append(alert.attribution().describe());
        }
        if (alert.links() != null && alert.links().alert() != null) {
            line.append(" | ").append(alert.links().alert());
        }
        return line.toString();
    }
}
