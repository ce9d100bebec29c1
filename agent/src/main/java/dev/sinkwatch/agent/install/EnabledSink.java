package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.aggregate.OperationNames;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.SinkModule;

/**
 * A sink module that {@code sinkwatch.sinks} enables, with its resolver: registered with the recorder for the
 * kind's operations when made, connected to the kind's own bridge (if it has one) once the weaving is installed.
 * Keeps the resolver's type, so the module's {@link SinkModule#connect} gets the resolver it made.
 */
final class EnabledSink<R extends TargetResolver> {
    final SinkModule<R> module;
    private final R resolver;

    private EnabledSink(SinkModule<R> module, R resolver) {
        this.module = module;
        this.resolver = resolver;
    }

    static <R extends TargetResolver> EnabledSink<R> register(SinkModule<R> module, AgentConfig config,
                                                               Recorder recorder) {
        R resolver = module.newResolver(config);
        recorder.register(resolver, OperationNames.kindDigit(module.kind()));
        return new EnabledSink<>(module, resolver);
    }

    void connect() {
        module.connect(resolver);
    }
}
