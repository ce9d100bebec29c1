package dev.sinkwatch.agent.bootstrap;

/**
 * The static entry points that woven code calls. Lives on the bootstrap class path so that every class, JDK or
 * application, can see it; keeps no logic beyond the recursion guard and hands everything to the {@link SinkRecorder}.
 *
 * <p>Recursion: a sink method may call another (an HTTP request connects a socket, a JDBC driver reads a file,
 * the recorder itself may load a class from a jar). {@link ThreadState#depths} counts nested sink methods on the
 * thread per kind; only the outermost call of a kind is recorded (an HTTP request's socket is not, a file or a
 * process opened inside a JDBC connect or a JNDI lookup is), and while the recorder records,
 * {@link ThreadState#recording} makes whatever it does itself invisible.
 *
 * <p>Concurrency: {@link #recorder} is written once at start-up and read racily by woven code (volatile).
 */
public final class SinkBridge {

    private static volatile SinkRecorder recorder;
    /** Set by the first request served; written racily by many threads, always to true. */
    private static volatile boolean requestsSeen;

    private static final InheritableThreadLocal<ThreadState> STATE = new InheritableThreadLocal<ThreadState>() {
        @Override
        protected ThreadState initialValue() {
            return new ThreadState(false);
        }

        @Override
        protected ThreadState childValue(ThreadState parent) {
            // Threads started by the agent's threads (the HTTP client's selector and workers) are the agent's too.
            return new ThreadState(parent.agentThread);
        }
    };

    private SinkBridge() {
    }

    public static void install(SinkRecorder sinkRecorder) {
        recorder = sinkRecorder;
    }

    /** Whether the recorder is installed (for {@link RequestBridge}). */
    static boolean installed() {
        return recorder != null;
    }

    /** Marks the calling thread as the agent's own; call first thing on every thread the agent starts. */
    public static void markAgentThread() {
        STATE.set(new ThreadState(true));
    }

    /** Woven before a sink-reaching call in application code: the call site the next sink call belongs to. */
    public static void mark(int callSiteId) {
        STATE.get().callSite = callSiteId;
    }

    /** Woven after that call returns. */
    public static void unmark() {
        STATE.get().callSite = 0;
    }

    /**
     * A sink hook's entry, for a sink of {@code kind} (a tens digit of {@link Ops}): the thread's state with that kind's depth
     * raised (and, for its outermost call, its start time), or null when nothing is to be recorded.
     */
    public static ThreadState enter(int kind) {
        if (recorder == null) {
            return null;
        }
        try {
            ThreadState state = STATE.get();
            if (state.agentThread || state.recording) {
                return null;
            }
            if (state.depths[kind]++ == 0) {
                state.startNanos[kind] = System.nanoTime();
            }
            return state;
        } catch (Throwable t) { // out of memory creating the thread's state: this call is not recorded
            return null;
        }
    }

    /**
     * A sink's exit: records the call if it was the outermost of its kind, then lowers that kind's depth. Never
     * throws: woven code calls it without a handler of its own.
     */
    public static void exit(ThreadState state, int operation, Object target, Object context, Throwable error) {
        if (state == null) {
            return;
        }
        int kind = operation / 10;
        try {
            SinkRecorder r = recorder;
            if (state.depths[kind] == 1 && r != null && target != null) {
                state.recording = true;
                try {
                    r.record(state, operation, target, context, state.startNanos[kind], error);
                } finally {
                    state.recording = false;
                }
            }
        } catch (Throwable ignored) {
            // the application's call has happened and goes on as it would have
        } finally {
            state.depths[kind]--;
        }
    }

    /** {@code RandomAccessFile.open(String, int mode)}: mode bit 2 is read-write. */
    public static void exitRandomAccess(ThreadState state, Object path, int mode, Throwable error) {
        exit(state, (mode & 2) != 0 ? Ops.FILE_WRITE : Ops.FILE_READ, path, null, error);
    }

    /** The file system provider's {@code newByteChannel}/{@code newFileChannel}: written with WRITE or APPEND. */
    public static void exitChannel(ThreadState state, Object path, Object options, Throwable error) {
        boolean write = false;
        try {
            write = options instanceof java.util.Set
                    && (((java.util.Set<?>) options).contains(java.nio.file.StandardOpenOption.WRITE)
                    || ((java.util.Set<?>) options).contains(java.nio.file.StandardOpenOption.APPEND));
        } catch (Throwable ignored) {
            // an option set of the application's own that throws: counted as a read
        }
        exit(state, write ? Ops.FILE_WRITE : Ops.FILE_READ, path, null, error);
    }

    /**
     * {@code ProcessBuilder.start}: the command is {@code builder.command()}; the environment is the builder's own
     * field, as the woven class reads it (null when the application never asked for it).
     */
    public static void exitProcess(ThreadState state, Object builder, Object environment, Throwable error) {
        Object command = null;
        try {
            command = ((ProcessBuilder) builder).command();
        } catch (Throwable ignored) {
            // recorded without a target: nothing to record
        }
        exit(state, Ops.PROCESS_EXEC, command, environment, error);
    }

    /** {@code ObjectInputStream.resolveClass(descriptor)}; the stream is the context (whether it reads a body). */
    public static void exitResolveClass(ThreadState state, Object stream, Object descriptor, Throwable error) {
        Object name = null;
        try {
            name = descriptor == null ? null : ((java.io.ObjectStreamClass) descriptor).getName();
        } catch (Throwable ignored) {
            // nothing to record
        }
        exit(state, Ops.DESERIALIZATION_RESOLVE, name, stream, error);
    }

    /**
     * After a probe ({@code File.exists}, {@code isFile}, {@code length}, ...): hands it to the recorder only
     * on a thread serving a request, outside any other call of the kind, where the recorder keeps it only if a
     * request input reaches the target. Probes are everywhere (class loading, containers, logging), so a thread
     * serving no request pays one volatile read, or one thread-local lookup once requests are served.
     */
    public static void probe(int operation, Object target) {
        SinkRecorder r = recorder;
        if (r == null || target == null || !requestsSeen) {
            return;
        }
        ThreadState state = STATE.get();
        if (state.request == null || state.agentThread || state.recording || state.depths[operation / 10] != 0) {
            return;
        }
        state.recording = true;
        try {
            r.record(state, operation, target, null, System.nanoTime(), null);
        } catch (Throwable ignored) {
            // never into the application
        } finally {
            state.recording = false;
        }
    }

    /**
     * Entry of a servlet's {@code service}: an empty input holder to fill, or null when the thread already
     * serves a request in its own {@code service} (a filter or a forward nested in it) or is the agent's. A thread
     * running a task that carries another request's inputs gets a holder of its own for this request.
     */
    public static RequestInputs requestBegin() {
        if (recorder == null) {
            return null;
        }
        ThreadState state = STATE.get();
        if (state.agentThread || state.serviceDepth++ > 0) {
            return null;
        }
        RequestInputs inputs = state.spareInputs;
        if (inputs == null) {
            inputs = new RequestInputs();
        } else {
            state.spareInputs = null;
        }
        state.beforeService = state.request;
        state.request = inputs;
        if (!requestsSeen) {
            requestsSeen = true;
        }
        return inputs;
    }

    /** Whether any request was served yet: before, "outside a request" means nothing. */
    public static boolean requestsSeen() {
        return requestsSeen;
    }

    /**
     * Exit of a servlet's {@code service}: at the outermost, the thread no longer serves the request it
     * began and gets back what it served before; the holder is kept for the next request unless a task took it.
     */
    public static void requestEnd() {
        ThreadState state = STATE.get();
        if (state.serviceDepth == 0 || --state.serviceDepth > 0) {
            return;
        }
        RequestInputs done = state.request;
        state.request = state.beforeService;
        state.beforeService = null;
        if (done != null && done.release()) {
            state.spareInputs = done;
        }
    }

    /**
     * The calling thread's state, for the bridges of single kinds ({@link JdbcBridge}) and of requests
     * ({@link RequestBridge}, {@link RequestTask}).
     */
    static ThreadState state() {
        return STATE.get();
    }
}
