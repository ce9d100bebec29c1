package dev.sinkwatch.agent.bootstrap;

/**
 * Per-thread state of the agent, reached through one {@link InheritableThreadLocal} lookup per sink call.
 *
 * <p>Concurrency: each instance is read and written only by its own thread.
 */
public final class ThreadState {
    /** Call-site id set by the marker woven into application code just before a sink-reaching call; 0 = none. */
    public int callSite;
    /** Nesting of instrumented sink methods on this thread; only the outermost call is recorded. */
    public int depth;
    /** {@link System#nanoTime()} when the outermost sink call began. */
    public long startNanos;
    /** True on the agent's own threads and every thread they start: nothing they do is recorded. */
    public final boolean agentThread;
    /** The inputs of the request this thread serves; null on threads that serve none (the only cost there). */
    public RequestInputs request;
    /** Scratch object the recorder may keep per thread (a reusable lookup key), so lookups do not allocate. */
    public Object scratch;

    public ThreadState(boolean agentThread) {
        this.agentThread = agentThread;
    }
}
