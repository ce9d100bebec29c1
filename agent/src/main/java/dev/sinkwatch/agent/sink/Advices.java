package dev.sinkwatch.agent.sink;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Builds advice transformers. Advice is inlined: its byte code is copied into the instrumented method (read from
 * the agent's class loader), so advice may reference only JDK types and the bootstrap bridge, never agent classes.
 * Exceptions thrown by advice are suppressed: the application's own behaviour is never changed.
 */
public final class Advices {
    private final ClassLoader agentLoader;

    public Advices(ClassLoader agentLoader) {
        this.agentLoader = agentLoader;
    }

    public AgentBuilder.Transformer.ForAdvice forAdvice() {
        return new AgentBuilder.Transformer.ForAdvice()
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
