package dev.sinkwatch.agent.sink.deserialization;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.asm.Advice;

import java.io.ObjectStreamClass;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static dev.sinkwatch.agent.sink.Signatures.takesArguments;

/**
 * Deserialization: each class {@code ObjectInputStream.resolveClass} resolves from a stream. Targets:
 * {@link DeserializationTargets}.
 */
public final class DeserializationModule implements SinkModule<DeserializationTargets> {
    private static final String OBJECT_INPUT_STREAM = "java.io.ObjectInputStream";

    public static final class ResolveClassAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object stream,
                                @Advice.Argument(0) ObjectStreamClass descriptor, @Advice.Thrown Throwable error) {
            // The stream is the context: whether it reads a request's body (correlate.BodyDeserialization).
            SinkBridge.exit(s, Ops.DESERIALIZATION_RESOLVE, descriptor == null ? null : descriptor.getName(), stream,
                    error);
        }
    }

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
    public Weaving instrument(Weaving builder, Advices advices) {
        return builder.type(named(OBJECT_INPUT_STREAM))
                .transform(advices.sink(named("resolveClass").and(takesArguments(ObjectStreamClass.class)),
                        ResolveClassAdvice.class));
    }
}
