package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.aggregate.Recorder;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One sink kind: the types and methods it instruments and the resolver of its targets. Modules are listed in
 * {@link SinkModules}; each lives in a package of its own with its advice classes.
 */
public interface SinkModule {

    /** The kind's wire name, as in {@code sinkwatch.sinks}. */
    String kind();

    /** Registers the kind's target resolver (and listeners) with the recorder. */
    void register(Recorder recorder);

    /** Adds the kind's transformations. */
    AgentBuilder instrument(AgentBuilder builder, Advices advices);
}
