package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.aggregate.OperationNames;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Builds advice transformers. Advice is inlined: its byte code is copied into the instrumented method (read from
 * the agent's class loader), so advice may reference only JDK types and the bootstrap bridge, never agent classes.
 * Exceptions thrown by advice are suppressed: the application's own behaviour is never changed.
 */
public final class Advices {
    private final ClassLoader agentLoader;
    /** The kind {@link SinkEnter.Kind} binds: a tens digit of {@code Ops}. */
    private final int kind;

    public Advices(ClassLoader agentLoader) {
        this(agentLoader, 0);
    }

    private Advices(ClassLoader agentLoader, int kind) {
        this.agentLoader = agentLoader;
        this.kind = kind;
    }

    /** These advices for one sink kind: its entry advice counts that kind's depth. */
    public Advices forKind(SinkKind sinkKind) {
        return new Advices(agentLoader, OperationNames.kindDigit(sinkKind));
    }

    public AgentBuilder.Transformer.ForAdvice forAdvice() {
        return new AgentBuilder.Transformer.ForAdvice(Advice.withCustomMapping().bind(SinkEnter.Kind.class, kind))
                .include(agentLoader)
                .withExceptionHandler(net.bytebuddy.asm.Advice.ExceptionHandler.Default.SUPPRESSING);
    }

    /** The shared entry advice ({@link SinkEnter}), paired with an exit advice class per operation. */
    public static final String ENTER = SinkEnter.class.getName();

    /** A sink: {@link SinkEnter} and this exit advice, applied to the methods that match. */
    public AgentBuilder.Transformer sink(ElementMatcher<? super MethodDescription> methods, Class<?> exitAdvice) {
        return forAdvice().advice(methods, ENTER, exitAdvice.getName());
    }
}
