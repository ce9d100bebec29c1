package dev.sinkwatch.agent.sink.deserialization;

import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.BridgeCall;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;

import java.io.ObjectStreamClass;
import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.SELF;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.STATE;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.THROWN;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

/**
 * Deserialization: each class {@code ObjectInputStream.resolveClass} resolves from a stream. Targets:
 * {@link DeserializationTargets}.
 */
public final class DeserializationModule implements SinkModule<DeserializationTargets> {
    private static final String OBJECT_INPUT_STREAM = "java.io.ObjectInputStream";

    @Override
    public SinkKind kind() {
        return SinkKind.DESERIALIZATION;
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(OBJECT_INPUT_STREAM);
    }

    @Override
    public DeserializationTargets newResolver(AgentConfig config) {
        return new DeserializationTargets();
    }

    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        // The stream is the context: whether it reads a request's body (correlate.BodyDeserialization).
        return builder.typeNamed(OBJECT_INPUT_STREAM)
                .transform(hooks.methods().on(named("resolveClass").and(takesArguments(ObjectStreamClass.class)),
                        hooks.sink(BridgeCall.of(SinkBridge.class, "exitResolveClass", STATE, SELF, argument(0),
                                THROWN))));
    }
}
