package dev.sinkwatch.agent.sink.request;

import dev.sinkwatch.agent.bootstrap.RequestBridge;
import dev.sinkwatch.agent.sink.BridgeCall;
import dev.sinkwatch.agent.sink.Hook;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.InstrumentationModule;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.Methods.isStatic;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.namedOneOf;
import static dev.sinkwatch.agent.sink.Methods.takesArgument;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

/**
 * Work handed from a request thread to an executor keeps the request's inputs: the task is wrapped at submit time
 * ({@link RequestBridge#wrap}) when, and only when, the submitting thread serves a request, and the wrapper gives the
 * running thread the context for the task's duration only.
 *
 * <p>Where: {@code ThreadPoolExecutor.execute} of a plain task and {@code AbstractExecutorService.submit}'s argument
 * (before it becomes the returned {@code Future}), {@code ForkJoinPool.execute/submit} of a {@code Runnable} or {@code Callable}, and the
 * {@code CompletableFuture.supplyAsync/runAsync} stages (their own task type bypasses {@code ForkJoinPool.execute}),
 * and a servlet container's {@code AsyncContext.start} (Tomcat's, Jetty's). A request the thread then serves itself
 * (a container's dispatch run as such a task) opens inputs of its own ({@code SinkBridge.requestBegin}).
 * Not covered: executors that implement {@code Executor} from scratch, {@code ScheduledThreadPoolExecutor}, virtual
 * thread-per-task executors, and a bare {@code new Thread}. Never replaced: a task that is a {@code Future}, a
 * {@code ForkJoinTask} or {@code Comparable} (what {@code shutdownNow}, {@code remove}, {@code afterExecute} and
 * priority queues rely on).
 */
public final class HandOffModule implements InstrumentationModule {

    /** The containers' {@code AsyncContext} implementations, whose {@code start(Runnable)} continues a request. */
    static final List<String> ASYNC_CONTEXTS = Arrays.asList("org.apache.catalina.core.AsyncContextImpl",
            "org.eclipse.jetty.server.AsyncContextState", "org.eclipse.jetty.ee10.servlet.AsyncContextState",
            "org.eclipse.jetty.ee9.nested.AsyncContextState");

    /** The classes instrumented (the type filter's allow-list must keep them). */
    public static final List<String> TYPES = Arrays.asList("java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.AbstractExecutorService", "java.util.concurrent.ForkJoinPool",
            "java.util.concurrent.CompletableFuture", ASYNC_CONTEXTS.get(0), ASYNC_CONTEXTS.get(1),
            ASYNC_CONTEXTS.get(2), ASYNC_CONTEXTS.get(3));

    @Override
    public Set<String> typeNames() {
        return new HashSet<>(TYPES);
    }

    /** Adds the executor transformations. */
    /** Adds the executor transformations: the task argument replaced by what {@code RequestBridge} wraps it in. */
    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        Hook runnable = Hook.replacingArgument(0, BridgeCall.of(RequestBridge.class, "wrap", argument(0)));
        Hook callable = Hook.replacingArgument(0, BridgeCall.of(RequestBridge.class, "wrapCallable", argument(0)));
        return builder
                .typeNamed("java.util.concurrent.ThreadPoolExecutor")
                .transform(hooks.methods().on(named("execute").and(takesArgument(0, Runnable.class)), runnable))
                // submit wraps its argument before it becomes the Future submit returns (execute then sees a Future
                // and leaves it as it is), so the caller's Future stays the executor's task.
                .typeNamed("java.util.concurrent.AbstractExecutorService")
                .transform(hooks.methods()
                        .on(named("submit").and(takesArgument(0, Runnable.class)), runnable)
                        .on(named("submit").and(takesArgument(0, Callable.class)), callable))
                .typeNamed("java.util.concurrent.ForkJoinPool")
                .transform(hooks.methods()
                        .on(namedOneOf("execute", "submit").and(takesArgument(0, Runnable.class)), runnable)
                        .on(named("submit").and(takesArgument(0, Callable.class)), callable))
                // A request continued on the container's own pool (AsyncContext.start) keeps its inputs too.
                .typeNamed(ASYNC_CONTEXTS.toArray(new String[0]))
                .transform(hooks.methods().on(named("start").and(takesArguments(Runnable.class)), runnable))
                .typeNamed("java.util.concurrent.CompletableFuture")
                .transform(hooks.methods()
                        .on(named("asyncRunStage").and(isStatic()).and(takesArgument(1, Runnable.class)),
                                Hook.replacingArgument(1, BridgeCall.of(RequestBridge.class, "wrap", argument(1))))
                        .on(named("asyncSupplyStage").and(isStatic()).and(takesArgument(1, Supplier.class)),
                                Hook.replacingArgument(1, BridgeCall.of(RequestBridge.class, "wrapSupplier",
                                        argument(1)))));
    }
}
