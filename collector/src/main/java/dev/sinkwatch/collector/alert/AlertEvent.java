package dev.sinkwatch.collector.alert;

import java.util.Locale;

/** What a notification says happened to an alert; {@link #wireName()} is the {@code event} receivers get. */
enum AlertEvent {
    /** A new alert. */
    FIRING,
    /** A finding for a resolved alert: it fires again under the same id. */
    REOPENED,
    /** A repeat with a higher severity. */
    ESCALATED,
    /** Resolved by inactivity or by hand. */
    RESOLVED,
    /** Alertmanager only: the periodic re-send that keeps a firing alert alive there. */
    RESEND;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    String wireName() {
        return wireName;
    }
}
