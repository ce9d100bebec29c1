package dev.sinkwatch.collector.model;

import java.util.Locale;

/** How urgently a person should look; ordered from most to least urgent. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
