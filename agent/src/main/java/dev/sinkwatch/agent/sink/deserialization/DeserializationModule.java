package dev.sinkwatch.agent.sink.deserialization;

import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.SinkModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.io.ObjectStreamClass;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Deserialization: each class {@code ObjectInputStream.resolveClass} resolves from a stream. */
public final class DeserializationModule implements SinkModule, TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.DESERIALIZATION.wireName(), 10_000);

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
    public String kind() {
        return SinkKind.DESERIALIZATION.wireName();
    }

    @Override
    public void register(Recorder recorder) {
        recorder.register(this, Ops.DESERIALIZATION_RESOLVE);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder.type(named("java.io.ObjectInputStream"))
                .transform(advices.sink(named("resolveClass").and(takesArguments(ObjectStreamClass.class)),
                        ResolveClassAdvice.class));
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        return table.intern((String) target);
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        // The class name is the target itself; there is nothing more to say about it.
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        return (String) target;
    }
}
