package dev.sinkwatch.agent.bootstrap;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Entry points for woven code about requests rather than sinks: handing a request's context to an executor's task,
 * and the opt-in guard that blocks a sink call before it runs.
 *
 * <p>Cost off requests: a task submitted by a thread that serves no request is returned as it is, after one
 * thread-local lookup; no guard is installed unless {@code sinkwatch.block} names a rule.
 *
 * <p>Concurrency: {@link #guard} is written once at start-up and read racily (volatile).
 */
public final class RequestBridge {

    private static volatile SinkGuard guard;
    /** {@code FilterInputStream.in} as {@code (Object) Object}, when java.io could be opened to the agent; else null. */
    private static volatile java.lang.invoke.MethodHandle filterSource;

    private RequestBridge() {
    }

    public static void installGuard(SinkGuard sinkGuard) {
        guard = sinkGuard;
    }

    /**
     * Reads {@code FilterInputStream.in} from here on; call once java.io is open to this class's module (the boot
     * loader's unnamed one, which holds no application class). Returns whether it could.
     */
    public static boolean openFilterSource() {
        try {
            filterSource = java.lang.invoke.MethodHandles.privateLookupIn(java.io.FilterInputStream.class,
                    java.lang.invoke.MethodHandles.lookup())
                    .findGetter(java.io.FilterInputStream.class, "in", java.io.InputStream.class)
                    .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code stream} is {@code body}, or reads it through at most 8 {@code FilterInputStream}s. */
    static boolean readsStream(Object stream, Object body) {
        java.lang.invoke.MethodHandle source = filterSource;
        Object s = stream;
        for (int depth = 0; s != null && body != null; depth++) {
            if (s == body) {
                return true;
            }
            if (depth == 8 || source == null || !(s instanceof java.io.FilterInputStream)) {
                return false;
            }
            try {
                s = (Object) source.invokeExact(s);
            } catch (Throwable t) {
                return false;
            }
        }
        return false;
    }

    /**
     * Entry of a servlet's {@code service(request, response)}: opens the thread's request inputs with the request's
     * query string, path and headers ({@link ServletApi}; {@code api} is the {@code HttpServletRequest} interface the
     * servlet's class names), unless the thread already serves a request in its own {@code service} (a filter or a
     * forward nested in it).
     */
    public static void serviceBegin(Object request, Class<?> api) {
        try {
            RequestInputs inputs = SinkBridge.requestBegin();
            if (inputs != null && request != null) {
                ServletApi.of(api).read(request, inputs);
            }
        } catch (Throwable ignored) {
            // the inputs read so far are kept; the request is served as it would have been
        }
    }

    /** Exit of a servlet's {@code service}, returned or thrown. */
    public static void serviceEnd() {
        try {
            SinkBridge.requestEnd();
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * After a Jackson 2 parser returned a string ({@code getText}, {@code getValueAsString}, {@code nextTextValue}):
     * on a thread serving a request, a JSON string value of a parser reading that request's body becomes a body input
     * named by its path ({@link JacksonApi}; {@code api} is the {@code JsonParser} class the parser's class extends).
     */
    public static void jsonString(Object parser, Object value, Class<?> api) {
        try {
            if (value != null) {
                RequestInputs inputs = parsing();
                if (inputs != null) {
                    JacksonApi.of(api).read(parser, (String) value, inputs);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** After the container's {@code getReader}: the request's body as characters. */
    public static void bodyReader(Object reader) {
        try {
            RequestInputs inputs = serving();
            if (inputs != null && reader != null) {
                inputs.bodyReader(reader);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** After the container's {@code getParameter(name)}: a form field (or a query parameter, already held). */
    public static void parameterRead(Object name, Object value) {
        try {
            if (value != null) {
                RequestInputs inputs = parsing();
                if (inputs != null) {
                    inputs.addParsed("body", (String) name, (String) value);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** After the container's {@code getParameterValues(name)}: at most 16 of them. */
    public static void parameterValuesRead(Object name, Object values) {
        try {
            if (values instanceof String[]) {
                String[] strings = (String[]) values;
                RequestInputs inputs = parsing();
                for (int i = 0; inputs != null && i < strings.length && i < 16; i++) {
                    inputs.addParsed("body", (String) name, strings[i]);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** After Spring's {@code resolveName(name, ...)} of a path variable: the segment holding it is named after it. */
    public static void pathVariableResolved(Object name, Object value) {
        try {
            if (value instanceof String) {
                RequestInputs inputs = parsing();
                if (inputs != null) {
                    inputs.namePathValue((String) name, (String) value);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** The task itself, or, submitted while serving a request, the task carrying that request's inputs. */
    public static Runnable wrap(Runnable task) {
        try {
            RequestInputs inputs = handOff(task);
            return inputs == null ? task : new RequestTask.OfRunnable(inputs, task);
        } catch (Throwable t) {
            return task;
        }
    }

    public static <T> Callable<T> wrapCallable(Callable<T> task) {
        try {
            RequestInputs inputs = handOff(task);
            return inputs == null ? task : new RequestTask.OfCallable<T>(inputs, task);
        } catch (Throwable t) {
            return task;
        }
    }

    public static <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        try {
            RequestInputs inputs = handOff(task);
            return inputs == null ? task : new RequestTask.OfSupplier<T>(inputs, task);
        } catch (Throwable t) {
            return task;
        }
    }

    private static RequestInputs handOff(Object task) {
        // A task whose identity or type the executor or the application relies on is run as itself: a Future
        // (what submit returned, what shutdownNow, remove and afterExecute see), a ForkJoinTask, and a Comparable
        // (a priority queue orders it). submit's own argument is wrapped before it becomes a Future instead.
        if (task == null || task instanceof RequestTask || task instanceof java.util.concurrent.Future
                || task instanceof java.util.concurrent.ForkJoinTask || task instanceof Comparable
                || !SinkBridge.installed()) {
            return null;
        }
        ThreadState state = SinkBridge.state();
        RequestInputs inputs = state.agentThread ? null : state.request;
        if (inputs != null) {
            inputs.handedOff = true; // the task may outlive the request: its holder is never reused
        }
        return inputs;
    }

    /**
     * The inputs of the request the calling thread serves, for hooks adding what the framework parsed; null on
     * threads serving none (the only cost there) and once the inputs are full.
     */
    public static RequestInputs parsing() {
        if (!SinkBridge.installed()) {
            return null;
        }
        ThreadState state = SinkBridge.state();
        RequestInputs inputs = state.request;
        return inputs == null || inputs.full() || state.recording ? null : inputs;
    }

    /** After the container's {@code getInputStream}: the request's raw body stream. */
    public static void bodyStream(Object stream) {
        try {
            RequestInputs inputs = serving();
            if (inputs != null && stream != null) {
                inputs.bodyStream(stream);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** After {@code new ObjectInputStream(source)}. */
    public static void objectStreamOpened(Object reader, Object source) {
        try {
            RequestInputs inputs = serving();
            if (inputs != null) {
                inputs.objectStreamOpened(reader, source);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static RequestInputs serving() {
        if (!SinkBridge.installed()) {
            return null;
        }
        ThreadState state = SinkBridge.state();
        return state.agentThread ? null : state.request;
    }

    /**
     * Entry of a guarded sink whose target is its text (SQL, a file's path, a JNDI name): throws the guard's
     * {@code SinkBlockedException} instead of letting the sink run, and nothing else.
     */
    public static void block(int operation, Object target) {
        String text;
        try {
            text = target == null ? null : target.toString();
        } catch (Throwable t) {
            return;
        }
        RuntimeException blocked = guard(operation, target, text);
        if (blocked != null) {
            throw blocked;
        }
    }

    /** Entry of a guarded socket connect: the address is judged as a destination, not as text. */
    public static void blockConnect(Object address) {
        RuntimeException blocked = guard(Ops.NET_CONNECT, address, null);
        if (blocked != null) {
            throw blocked;
        }
    }

    /** Entry of a guarded {@code ProcessBuilder.start()}: the command is the builder's. */
    public static void blockProcess(Object builder) {
        Object command;
        try {
            command = ((ProcessBuilder) builder).command();
        } catch (Throwable t) {
            return;
        }
        RuntimeException blocked = guard(Ops.PROCESS_EXEC, command, null);
        if (blocked != null) {
            throw blocked;
        }
    }

    /**
     * The exception to throw instead of running a guarded sink, or null. Never throws itself.
     */
    public static RuntimeException guard(int operation, Object rawTarget, String rawText) {
        SinkGuard g = guard;
        if (g == null || rawTarget == null) {
            return null;
        }
        ThreadState state = SinkBridge.state();
        if (state.request == null || state.agentThread || state.recording) {
            return null;
        }
        state.recording = true; // what the guard does itself is not recorded
        try {
            return g.check(state, operation, rawTarget, rawText);
        } catch (Throwable t) {
            return null;
        } finally {
            state.recording = false;
        }
    }
}
