package dev.sinkwatch.bench;

import java.lang.instrument.Instrumentation;

/**
 * A {@code -javaagent} that does nothing: the {@code noop-agent} configuration of {@link BenchmarkMain}
 * ({@code -javaagent:bench/target/benchmarks.jar}, whose manifest names this class). It separates what any agent
 * costs merely by being there (on this JDK a {@code -javaagent} changes how C2 compiles some library code, see
 * docs/performance.md) from what an agent's instrumentation and recording cost.
 */
public final class NoopAgent {
    private NoopAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        // Intentionally empty: no transformer, no thread, no class loaded beyond this one.
    }
}
