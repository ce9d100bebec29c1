package dev.sinkwatch.agent.sink.jndi;

import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.JndiName;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.SinkModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** JNDI: {@code InitialContext.lookup} by string or {@code Name} (and so every {@code InitialDirContext}). */
public final class JndiModule implements SinkModule, TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.JNDI.wireName(), 5_000);

    public static final class LookupAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object name, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JNDI_LOOKUP, name, null, error);
        }
    }

    @Override
    public String kind() {
        return SinkKind.JNDI.wireName();
    }

    @Override
    public void register(Recorder recorder) {
        recorder.register(this, Ops.JNDI_LOOKUP);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder.type(named("javax.naming.InitialContext"))
                .transform(advices.sink(named("lookup").and(takesArguments(1)), LookupAdvice.class));
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        return table.intern(JndiName.normalise(target.toString()));
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        String scheme = JndiName.scheme(target.toString());
        if (!scheme.isEmpty()) {
            into.put(SinkAttributes.URL_SCHEME, scheme);
        }
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        return target.toString();
    }
}
