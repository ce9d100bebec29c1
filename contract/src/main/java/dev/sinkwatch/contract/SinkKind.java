package dev.sinkwatch.contract;

import java.util.Locale;

/** The kinds of sink the agent watches; {@link #wireName()} is the value of {@link SinkAttributes#KIND}. */
public enum SinkKind {
    JDBC, FILE, NET, PROCESS, DESERIALIZATION, JNDI;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the unknown value */
    public static SinkKind fromWireName(String wireName) {
        for (SinkKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown " + SinkAttributes.KIND + " '" + wireName + "'");
    }
}
