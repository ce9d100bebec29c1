package dev.sinkwatch.collector.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The per-input time budget of a fuzz test: one input's work may use at most
 * {@code -Dsinkwatch.fuzz.input-budget-ms} of this thread's CPU time (default 1,000 ms; the bar is catching a stall,
 * not measuring speed), else the input is a finding and Jazzer saves it as a regression seed. CPU time, not wall
 * time, so a loaded machine does not fail inputs; measured here rather than through JUnit's {@code @Timeout}, which
 * under Maven applies to a whole fuzzing run. Callers warm up first (class loading counts as the thread's time).
 */
public final class InputBudget {

    private static final long BUDGET_NANOS = Long.getLong("sinkwatch.fuzz.input-budget-ms", 1_000) * 1_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private InputBudget() {
    }

    /** Runs one input's work and fails it when it took longer than the budget. */
    public static void run(String what, Runnable work) {
        long start = THREADS.getCurrentThreadCpuTime();
        work.run();
        long tookNanos = THREADS.getCurrentThreadCpuTime() - start;
        if (tookNanos > BUDGET_NANOS) {
            throw new AssertionError(what + " used " + tookNanos / 1_000_000 + " ms of CPU on one input, over the budget of "
                    + BUDGET_NANOS / 1_000_000 + " ms");
        }
    }
}
