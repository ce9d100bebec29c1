package dev.sinkwatch.collector.model;

import java.util.Locale;

/** The kinds of sink the agent watches; {@link #wireName()} is the value of {@code sinkwatch.sink.kind}. */
public enum SinkKind {
    JDBC, FILE, NET, PROCESS, DESERIALIZATION, JNDI;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the unknown value */
    public static SinkKind fromWireName(String wireName) {
        for (SinkKind kind : values()) {
            if (kind.wireName().equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown sinkwatch.sink.kind '" + wireName + "'");
    }
}
