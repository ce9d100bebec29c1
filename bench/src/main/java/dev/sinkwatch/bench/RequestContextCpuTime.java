package dev.sinkwatch.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link RequestContextBenchmark}'s three workloads measured in the calling thread's CPU time and allocated bytes
 * ({@code com.sun.management.ThreadMXBean}) rather than wall time: on a shared, loaded machine a thread's CPU time
 * leaves out the time it waits for a core, which JMH's wall-clock scores include. Each round runs every workload
 * {@code n} times after three warm-up rounds; the median over the rounds is printed. Run it once per agent
 * configuration, interleaved (docs/performance.md has the command).
 *
 * <p>System properties: {@code n} (calls per workload and round, default 100000), {@code rounds} (default 7).
 */
public final class RequestContextCpuTime {

    private interface Workload {
        long run() throws Exception;
    }

    private RequestContextCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        RequestContextBenchmark bench = new RequestContextBenchmark();
        bench.setUp();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] names = {"jdbcOutsideRequest", "requestReachingJdbc", "requestWithoutSink"};
        Workload[] workloads = {bench::jdbcOutsideRequest, bench::requestReachingJdbc, bench::requestWithoutSink};
        int n = Integer.getInteger("n", 100_000);
        int rounds = Integer.getInteger("rounds", 7);
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            for (Workload w : workloads) {
                for (int i = 0; i < n; i++) {
                    sink += w.run();
                }
            }
        }
        long thread = Thread.currentThread().getId();
        double[][] cpu = new double[workloads.length][rounds];
        double[][] bytes = new double[workloads.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < workloads.length; k++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long bytes0 = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < n; i++) {
                    sink += workloads[k].run();
                }
                cpu[k][r] = (threads.getCurrentThreadCpuTime() - cpu0) / (double) n;
                bytes[k][r] = (threads.getThreadAllocatedBytes(thread) - bytes0) / (double) n;
            }
        }
        for (int k = 0; k < workloads.length; k++) {
            Arrays.sort(cpu[k]);
            Arrays.sort(bytes[k]);
            System.out.printf("%-20s CPU ns/op median %.0f (min %.0f, max %.0f), B/op %.1f%n", names[k],
                    cpu[k][rounds / 2], cpu[k][0], cpu[k][rounds - 1], bytes[k][rounds / 2]);
        }
        System.out.println(sink == 42 ? "" : "."); // keeps the results alive
        bench.tearDown();
    }
}
