package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.contract.SinkKind;

/**
 * One sink kind, in three parts kept apart: what it instruments ({@link #typeNames}, {@link #instrument}, with
 * hooks for this kind alone), how it resolves targets (the {@link TargetResolver} of {@link #newResolver}, a class
 * of its own in the kind's package), and nothing of registration: the installer registers the resolver for the
 * kind's operations and connects it ({@link #connect}) only when {@code sinkwatch.sinks} enables the kind.
 *
 * <p>Found with {@link java.util.ServiceLoader} from {@code META-INF/services/dev.sinkwatch.agent.sink.SinkModule};
 * each lives in a package of its own with its resolver.
 *
 * @param <R> the kind's resolver, so {@link #connect} gets it typed
 */
public interface SinkModule<R extends TargetResolver> extends InstrumentationModule {

    /** The kind, as named in {@code sinkwatch.sinks} and on the wire. */
    SinkKind kind();

    /** A new resolver of this kind's targets, for one agent. */
    R newResolver(AgentConfig config);

    /**
     * Connects the resolver to a bridge of the kind's own beside {@code SinkBridge}, after the weaving is installed.
     * Only JDBC has one (connections and statements remembered as they are created); the others need nothing.
     */
    default void connect(R resolver) {
    }
}
