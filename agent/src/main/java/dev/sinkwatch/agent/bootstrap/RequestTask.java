package dev.sinkwatch.agent.bootstrap;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A task handed from a request thread to an executor, carrying the request's inputs to the thread that runs it: while
 * it runs, that thread serves the request (its sink calls are judged against the inputs); when it ends, the thread
 * gets back whatever it served before (usually nothing), so the context never outlives the task.
 *
 * <p>One class per task interface, so a wrapped {@code Runnable} is never mistaken for a {@code Callable} by an
 * executor that checks. {@link #toString()} is the task's own.
 *
 * <p>Concurrency: the inputs are written by the request thread before the hand-off and only read after it (the
 * executor's queue is the happens-before edge); each task touches only the running thread's own state.
 */
public abstract class RequestTask {
    final RequestInputs inputs;
    final Object task;

    RequestTask(RequestInputs inputs, Object task) {
        this.inputs = inputs;
        this.task = task;
    }

    /** The thread now serves the task's request; returns what it served before, to hand to {@link #leave}. */
    final RequestInputs enter(ThreadState state) {
        RequestInputs before = state.request;
        state.request = inputs;
        return before;
    }

    static void leave(ThreadState state, RequestInputs before) {
        state.request = before;
    }

    @Override
    public String toString() {
        return String.valueOf(task);
    }

    /** A wrapped {@link Runnable}. */
    public static final class OfRunnable extends RequestTask implements Runnable {
        OfRunnable(RequestInputs inputs, Runnable task) {
            super(inputs, task);
        }

        @Override
        public void run() {
            ThreadState state = SinkBridge.state();
            RequestInputs before = enter(state);
            try {
                ((Runnable) task).run();
            } finally {
                leave(state, before);
            }
        }
    }

    /** A wrapped {@link Callable}. */
    public static final class OfCallable<T> extends RequestTask implements Callable<T> {
        OfCallable(RequestInputs inputs, Callable<T> task) {
            super(inputs, task);
        }

        @SuppressWarnings("unchecked")
        @Override
        public T call() throws Exception {
            ThreadState state = SinkBridge.state();
            RequestInputs before = enter(state);
            try {
                return ((Callable<T>) task).call();
            } finally {
                leave(state, before);
            }
        }
    }

    /** A wrapped {@link Supplier} ({@code CompletableFuture.supplyAsync}). */
    public static final class OfSupplier<T> extends RequestTask implements Supplier<T> {
        OfSupplier(RequestInputs inputs, Supplier<T> task) {
            super(inputs, task);
        }

        @SuppressWarnings("unchecked")
        @Override
        public T get() {
            ThreadState state = SinkBridge.state();
            RequestInputs before = enter(state);
            try {
                return ((Supplier<T>) task).get();
            } finally {
                leave(state, before);
            }
        }
    }
}
