package dev.sinkwatch.agent.bootstrap;

/**
 * What the hooks woven into JDK and driver classes reports to. Implemented by the agent (loaded by the system
 * class loader); only this interface lives on the bootstrap path, so JDK classes can call it. What one kind alone
 * reports beside its calls has a bridge and a recorder of its own ({@link JdbcBridge}, {@link JdbcRecorder}).
 *
 * <p>Implementations must never throw and never block: they run on application threads.
 */
public interface SinkRecorder {

    /**
     * One completed sink call.
     *
     * @param operation  one of {@link Ops}
     * @param target     what was touched, in the form the hook had it (SQL text, path, address, command list...)
     * @param context    the object the call was made on when the target alone is not enough (a statement, a
     *                   connection, open options), or null
     * @param startNanos {@link System#nanoTime()} at entry
     * @param error      what the call threw, or null
     */
    void record(ThreadState state, int operation, Object target, Object context, long startNanos, Throwable error);
}
