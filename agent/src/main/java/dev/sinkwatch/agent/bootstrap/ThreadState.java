package dev.sinkwatch.agent.bootstrap;

/**
 * Per-thread state of the agent, reached through one {@link InheritableThreadLocal} lookup per sink call.
 *
 * <p>Concurrency: each instance is read and written only by its own thread.
 */
public final class ThreadState {
    /**
     * Sink kinds: the tens digits of {@link Ops} (jdbc 0, file 1, net 2, process 3, deserialization 4, jndi 5,
     * ldap 6, xpath 7).
     */
    public static final int KINDS = 8;

    /** Call-site id set by the marker woven into application code just before a sink-reaching call; 0 = none. */
    public int callSite;
    /**
     * Nesting of instrumented sink methods on this thread, per kind (the tens digit of {@link Ops}): only the
     * outermost call of a kind is recorded, so a pool proxy and its driver count once, and an HTTP request does not
     * also record its socket, while a process started inside a JNDI lookup, or a file a JDBC driver opens, is
     * recorded at its own call site (the OpenTelemetry agent's {@code CallDepth} per instrumentation).
     */
    public final int[] depths = new int[KINDS];
    /** {@link System#nanoTime()} when the outermost sink call of each kind began. */
    public final long[] startNanos = new long[KINDS];
    /** True while the recorder records a call: whatever it does itself (class loading, driver calls) is not. */
    public boolean recording;
    /** True on the agent's own threads and every thread they start: nothing they do is recorded. */
    public final boolean agentThread;
    /** The inputs of the request this thread serves; null on threads that serve none (the only cost there). */
    public RequestInputs request;
    /**
     * Nesting of servlet {@code service} calls on this thread (filters, forwards, a framework servlet calling its
     * superclass): the outermost opens the request's inputs and closes them. Kept per thread, not per request, so a
     * task that carries a request's inputs and then serves a request of its own (a container's dispatch run on a
     * pool thread) opens that request's own inputs and never touches another thread's count.
     */
    int serviceDepth;
    /** What the thread served when its outermost {@code service} began (a task's request), given back at its end. */
    RequestInputs beforeService;
    /** The thread's holder for its next request, kept when no task took the last one: requests allocate nothing. */
    RequestInputs spareInputs;
    /** Scratch object the recorder may keep per thread (a reusable lookup key), so lookups do not allocate. */
    public Object scratch;

    public ThreadState(boolean agentThread) {
        this.agentThread = agentThread;
    }
}
