package dev.sinkwatch.agent.sink.jndi;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.asm.Advice;

import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static dev.sinkwatch.agent.sink.Signatures.takesArguments;

/**
 * JNDI: {@code InitialContext.lookup} by string or {@code Name} (and so every {@code InitialDirContext}). Targets:
 * {@link JndiTargets}.
 */
public final class JndiModule implements SinkModule<JndiTargets> {
    private static final String INITIAL_CONTEXT = "javax.naming.InitialContext";

    public static final class LookupAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object name, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.JNDI_LOOKUP, name, null, error);
        }
    }

    @Override
    public SinkKind kind() {
        return SinkKind.JNDI;
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(INITIAL_CONTEXT);
    }

    @Override
    public JndiTargets newResolver(AgentConfig config) {
        return new JndiTargets();
    }

    @Override
    public Weaving instrument(Weaving builder, Advices advices) {
        return builder.type(named(INITIAL_CONTEXT))
                .transform(advices.sink(named("lookup").and(takesArguments(1)), LookupAdvice.class));
    }
}
