package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.aggregate.OperationNames;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Builds advice transformers. Advice is inlined: its byte code is copied into the instrumented method (read from
 * the agent's class loader), so advice may reference only JDK types and the bootstrap bridge, never agent classes.
 * Exceptions thrown by advice are suppressed: the application's own behaviour is never changed.
 */
public final class Advices {
    private final AdviceTypes types;
    /** The kind {@link SinkEnter.Kind} binds: a tens digit of {@code Ops}. */
    private final int kind;

    public Advices(ClassLoader agentLoader) {
        this(new AdviceTypes(agentLoader), 0);
    }

    private Advices(AdviceTypes types, int kind) {
        this.types = types;
        this.kind = kind;
    }

    /** These advices for one sink kind: its entry advice counts that kind's depth. */
    public Advices forKind(SinkKind sinkKind) {
        return new Advices(types, OperationNames.kindDigit(sinkKind));
    }

    /** An empty set of advice, its entry advice bound to this kind, its throwables suppressed. */
    public AdviceSet forAdvice() {
        return new AdviceSet(types, kind);
    }

    /** The entry advice's binding of {@link SinkEnter.Kind} to {@code kind}. */
    static Advice.WithCustomMapping mapping(int kind) {
        // As a stack manipulation: binding an Object goes through Byte Buddy's JavaConstant, whose start-up
        // creates a dozen reflective proxies.
        return Advice.withCustomMapping().bind(SinkEnter.Kind.class, IntegerConstant.forValue(kind), int.class);
    }

    /** The shared entry advice ({@link SinkEnter}), paired with an exit advice class per operation. */
    public static final String ENTER = SinkEnter.class.getName();

    /** A sink: {@link SinkEnter} and this exit advice, applied to the methods that match. */
    public AdviceSet sink(ElementMatcher<? super MethodDescription> methods, Class<?> exitAdvice) {
        return forAdvice().advice(methods, ENTER, exitAdvice.getName());
    }
}
