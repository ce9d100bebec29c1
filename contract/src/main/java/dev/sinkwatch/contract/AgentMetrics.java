package dev.sinkwatch.contract;

/** The metrics the agent sends about itself on {@code /v1/metrics} (cumulative; docs/agent-output.md, "Metrics"). */
public final class AgentMetrics {
    /** Counter by {@link SinkAttributes#KIND}. */
    public static final String SINK_CALLS = "sinkwatch.agent.sink.calls";
    public static final String KEYS = "sinkwatch.agent.keys";
    public static final String KEYS_OVERFLOW = "sinkwatch.agent.keys.overflow";
    public static final String EXPORT_DROPPED = "sinkwatch.agent.export.dropped";

    private AgentMetrics() {
    }
}
