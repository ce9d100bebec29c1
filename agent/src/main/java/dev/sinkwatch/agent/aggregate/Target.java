package dev.sinkwatch.agent.aggregate;

/**
 * A normalised target (SQL fingerprint, folded path, host:port, ...), interned so that keys hold a small int.
 * Immutable.
 */
public final class Target {
    final int id;
    private final String kind;
    private final String text;
    private final boolean traversal;

    Target(int id, String kind, String text, boolean traversal) {
        this.id = id;
        this.kind = kind;
        this.text = text;
        this.traversal = traversal;
    }

    public int id() {
        return id;
    }

    /** {@code jdbc}, {@code file}, {@code net}, {@code process}, {@code deserialization} or {@code jndi}. */
    public String kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    /** For files: the raw path climbed with {@code ..} before normalisation. */
    public boolean traversal() {
        return traversal;
    }

    @Override
    public String toString() {
        return kind + ":" + text;
    }
}
