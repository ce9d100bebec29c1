package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.aggregate.OperationNames;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.STATE;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.THROWN;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.constant;

/**
 * What modules build their weaving from: {@link HookSet}s of {@link Hook}s, with the module's sink kind bound, so a
 * module only says which methods and which operation. Replaces inlined advice: the woven code is a static call into
 * the bootstrap bridge, whose logic is plain Java compiled once.
 */
public final class Hooks {
    /** Where inlined advice is read from (see {@link #inlinedAdvice}). */
    private final AdviceTypes adviceTypes;
    /** The kind a sink hook's entry counts: a tens digit of {@code Ops}; -1 outside a sink module. */
    private final int kind;

    /** @param agentLoader the agent's class loader, which holds the few advice classes still inlined */
    public Hooks(ClassLoader agentLoader) {
        this(new AdviceTypes(agentLoader), -1);
    }

    private Hooks(AdviceTypes adviceTypes, int kind) {
        this.adviceTypes = adviceTypes;
        this.kind = kind;
    }

    /** These hooks for one sink kind. */
    public Hooks forKind(SinkKind sinkKind) {
        return new Hooks(adviceTypes, OperationNames.kindDigit(sinkKind));
    }

    /**
     * Byte Buddy advice inlined from a class, for the two places whose work needs the types of the woven class's
     * own loader (the servlet request, Jackson's parser) and so cannot be a bridge call: built only when a servlet or
     * a Jackson parser is first woven.
     */
    public AdviceSet inlinedAdvice() {
        return new AdviceSet(adviceTypes);
    }

    /** An empty set of hooks. */
    public HookSet methods() {
        return new HookSet();
    }

    /**
     * A sink hook of this module's kind: at exit, returned or thrown, {@code SinkBridge.exit(state, operation,
     * target, context, thrown)}.
     */
    public Hook sink(int operation, BridgeCall.Value target, BridgeCall.Value context) {
        return sink(BridgeCall.of(SinkBridge.class, "exit", STATE, constant(operation), target, context, THROWN));
    }

    /** A sink hook of this module's kind whose exit is a bridge call of its own (it must take the state). */
    public Hook sink(BridgeCall exit) {
        if (kind < 0) {
            throw new IllegalStateException("not a sink module's hooks");
        }
        return Hook.sink(kind, exit);
    }

    /** One sink hook on the methods that match. */
    public HookSet sink(ElementMatcher<? super MethodDescription> methods, int operation, BridgeCall.Value target,
                        BridgeCall.Value context) {
        return methods().on(methods, sink(operation, target, context));
    }
}
