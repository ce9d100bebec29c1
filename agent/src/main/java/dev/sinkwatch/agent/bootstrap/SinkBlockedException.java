package dev.sinkwatch.agent.bootstrap;

/**
 * Thrown into the application, before the sink runs, for a call a request input reached where it breaks the
 * target's structure, when its rule is listed in {@code sinkwatch.block}. Names the rule and the input, never the
 * input's value.
 */
public final class SinkBlockedException extends SecurityException {
    private static final long serialVersionUID = 1L;

    private final String rule;

    public SinkBlockedException(String rule, String input) {
        super("sinkwatch blocked this call: " + rule + " from request input " + input
                + " (sinkwatch.block lists " + rule + ")");
        this.rule = rule;
    }

    /** The rule that blocked it: {@code sql.injection}, {@code shell.injection}, ... */
    public String rule() {
        return rule;
    }
}
