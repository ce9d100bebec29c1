package dev.sinkwatch.collector.alert;

import java.util.Locale;

/** An alert is firing while its anomaly keeps happening, resolved after an inactivity timeout or by hand. */
public enum AlertStatus {
    FIRING, RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the unknown value */
    public static AlertStatus fromWireName(String wireName) {
        for (AlertStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown alert status '" + wireName + "' (firing, resolved)");
    }
}
