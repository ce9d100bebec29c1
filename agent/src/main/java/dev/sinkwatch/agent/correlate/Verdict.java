package dev.sinkwatch.agent.correlate;

/**
 * A request input found in a sink's target where it changes the target's structure. Immutable.
 */
public final class Verdict {
    private final String rule;
    private final String input;
    private final int spanStart;
    private final int spanEnd;
    private final String destinationClass;
    private final boolean blocked;

    /**
     * @param rule             as named in {@code sinkwatch.block}: {@code sql.injection}, {@code shell.injection},
     *                         {@code file.traversal}, {@code net.ssrf}, {@code jndi.injection}
     * @param input            the input's source and name, {@code query.username}, {@code header.x-forwarded-for}
     * @param spanStart        where the input starts in the raw target (characters)
     * @param spanEnd          where it ends (exclusive)
     * @param destinationClass for {@code net.ssrf}: {@code loopback}, {@code private}, {@code link-local},
     *                         {@code metadata}; null otherwise
     */
    public Verdict(String rule, String input, int spanStart, int spanEnd, String destinationClass) {
        this(rule, input, spanStart, spanEnd, destinationClass, false);
    }

    private Verdict(String rule, String input, int spanStart, int spanEnd, String destinationClass,
                    boolean blocked) {
        this.blocked = blocked;
        this.rule = rule;
        this.input = input;
        this.spanStart = spanStart;
        this.spanEnd = spanEnd;
        this.destinationClass = destinationClass;
    }

    public String rule() {
        return rule;
    }

    public String input() {
        return input;
    }

    public int spanStart() {
        return spanStart;
    }

    public int spanEnd() {
        return spanEnd;
    }

    public String destinationClass() {
        return destinationClass;
    }

    /** This verdict for a call {@code sinkwatch.block} stopped before the sink ran. */
    public Verdict blocked() {
        return new Verdict(rule, input, spanStart, spanEnd, destinationClass, true);
    }

    /** Whether the call was stopped before the sink ran. */
    public boolean isBlocked() {
        return blocked;
    }

    @Override
    public String toString() {
        return rule + " from " + input + " at " + spanStart + "-" + spanEnd
                + (destinationClass == null ? "" : " (" + destinationClass + ")") + (blocked ? " blocked" : "");
    }
}
