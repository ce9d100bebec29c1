package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.aggregate.OperationNames;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.contract.SinkKind;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.STATE;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.THROWN;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.constant;

/**
 * What modules build their weaving from: {@link HookSet}s of {@link Hook}s, with the module's sink kind bound, so a
 * module only says which methods and which operation. The woven code is a static call into the bootstrap bridge,
 * whose logic is plain Java compiled once: no advice is inlined, so no advice class is read or built.
 */
public final class Hooks {
    /** The kind a sink hook's entry counts: a tens digit of {@code Ops}; -1 outside a sink module. */
    private final int kind;

    public Hooks() {
        this(-1);
    }

    private Hooks(int kind) {
        this.kind = kind;
    }

    /** These hooks for one sink kind. */
    public Hooks forKind(SinkKind sinkKind) {
        return new Hooks(OperationNames.kindDigit(sinkKind));
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
    public HookSet sink(MethodMatcher methods, int operation, BridgeCall.Value target,
                        BridgeCall.Value context) {
        return methods().on(methods, sink(operation, target, context));
    }
}
