package dev.sinkwatch.contract;

import java.util.Locale;

/**
 * The kinds of sink the agent watches; {@link #wireName()} is the value of {@link SinkAttributes#KIND}. LDAP search
 * filters and XPath expressions are kinds of their own (not JNDI operations): their targets are query languages,
 * shaped and judged like SQL, while a JNDI target is a name.
 */
public enum SinkKind {
    JDBC, FILE, NET, PROCESS, DESERIALIZATION, JNDI, LDAP, XPATH;

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
