package dev.sinkwatch.agent.sink;

/**
 * What is woven into one matched method: calls into the bootstrap bridge at its entry and at its exit
 * ({@link HookWeaver} writes them). Immutable.
 *
 * <ul>
 *   <li>A <em>sink</em> hook: at entry {@code SinkBridge.enter(kind)} (the thread's state, kept in a local), at every
 *       exit, returned or thrown, a call that hands the state over ({@code SinkBridge.exit(state, ...)}).</li>
 *   <li>An <em>exit</em> hook: a call after the method returns (not when it throws).</li>
 *   <li>An <em>entry</em> hook: a call before the method runs, whose result is dropped or replaces one of the
 *       method's arguments; a guard's call may throw, which is the point of a guard.</li>
 *   <li>An <em>around</em> hook: a call before the method runs and one after it, returned or thrown.</li>
 * </ul>
 */
public final class Hook {
    /** The sink kind whose depth the entry raises (a tens digit of {@code Ops}), or -1 for no sink state. */
    final int kind;
    final BridgeCall entry;
    /** The argument the entry call's result replaces, or -1. */
    final int replacedArgument;
    final BridgeCall exit;
    /** Whether the exit call is also made when the method throws. */
    final boolean onThrowable;

    private Hook(int kind, BridgeCall entry, int replacedArgument, BridgeCall exit, boolean onThrowable) {
        this.kind = kind;
        this.entry = entry;
        this.replacedArgument = replacedArgument;
        this.exit = exit;
        this.onThrowable = onThrowable;
    }

    /** A sink of {@code kind}: its state taken at entry, {@code exit} made on return and on throw. */
    public static Hook sink(int kind, BridgeCall exit) {
        return new Hook(kind, null, -1, exit, true);
    }

    /** {@code call} after the method returns normally. */
    public static Hook atExit(BridgeCall call) {
        if (call.uses(BridgeCall.Value.Source.STATE)) {
            throw new IllegalArgumentException("no sink state outside a sink hook: " + call);
        }
        return new Hook(-1, null, -1, call, false);
    }

    /** {@code entry} before the method runs (what it returns dropped); {@code exit} after it, returned or thrown. */
    public static Hook around(BridgeCall entry, BridgeCall exit) {
        if (exit.uses(BridgeCall.Value.Source.STATE)) {
            throw new IllegalArgumentException("no sink state outside a sink hook: " + exit);
        }
        return new Hook(-1, checkedEntry(entry), -1, exit, true);
    }

    /** {@code call} before the method runs; what it returns is dropped. */
    public static Hook atEntry(BridgeCall call) {
        return new Hook(-1, checkedEntry(call), -1, null, false);
    }

    /** {@code call} before the method runs; what it returns becomes the method's argument {@code index}. */
    public static Hook replacingArgument(int index, BridgeCall call) {
        if (call.returnType().getSort() != net.bytebuddy.jar.asm.Type.OBJECT) {
            throw new IllegalArgumentException(call + " returns no object to replace argument " + index);
        }
        return new Hook(-1, checkedEntry(call), index, null, false);
    }

    private static BridgeCall checkedEntry(BridgeCall call) {
        if (call.uses(BridgeCall.Value.Source.STATE) || call.uses(BridgeCall.Value.Source.RETURNED)
                || call.uses(BridgeCall.Value.Source.THROWN)) {
            throw new IllegalArgumentException("nothing has returned or thrown at entry: " + call);
        }
        return call;
    }

    /** Whether the hook keeps locals of its own: the state, and what is returned or thrown on the way to the exit call. */
    boolean needsLocals() {
        return kind >= 0 || exit != null && (exit.uses(BridgeCall.Value.Source.RETURNED) || onThrowable);
    }

    @Override
    public String toString() {
        return (kind >= 0 ? "sink " + kind + " " : "") + (entry != null ? "entry " + entry + " " : "")
                + (exit != null ? "exit " + exit : "");
    }
}
