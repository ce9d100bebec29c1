package dev.sinkwatch.contract;

/**
 * The three kinds of log record the agent sends ({@code event.name}), and where they come from. See
 * docs/agent-output.md, "Log records".
 */
public final class SinkEvents {
    /** The record attribute that names the event (OTLP 1.5+ also has a top-level {@code event_name}). */
    public static final String EVENT_NAME = "event.name";

    /** First sighting of a key, sent within a second. */
    public static final String SINK_NEW = "sinkwatch.sink.new";
    /** A key's activity in one export interval (deltas, never cumulative). */
    public static final String SINK_DELTA = "sinkwatch.sink.delta";
    /** The agent's own health, every interval. */
    public static final String AGENT_STATUS = "sinkwatch.agent.status";

    /** The instrumentation scope of every record and metric the agent sends. */
    public static final String INSTRUMENTATION_SCOPE = "dev.sinkwatch.agent";

    private SinkEvents() {
    }
}
