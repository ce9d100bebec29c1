package dev.sinkwatch.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * What a sink call costs once {@code sinkwatch.keys.max} is reached, against a call of a known key, with 150 frames
 * on the stack (a stack walk there is what a call past the cap must not pay).
 *
 * <p>Workload, single thread, average time per call and allocation per call ({@code -prof gc}): {@code File.delete()}
 * of a file that does not exist (one failing {@code unlink}, no exception), 150 frames below this class's call site.
 * The trial's set-up makes the known key, then fills the cap with other keys from another call site:
 * <ul>
 *   <li>{@link #knownKey}: the call site and target of a key made before the cap: one key-table probe.</li>
 *   <li>{@link #pastCapNewCallSite}: a call site that holds no key: overflows before its target is resolved.</li>
 *   <li>{@link #pastCapKnownCallSite}: the known key's call site with a target it never had: the target is
 *       resolved, the probe misses, the call overflows.</li>
 * </ul>
 * Run it with the agent attached, from the repository root (keys.max is small so that the set-up reaches it; with
 * {@code exporter=console,console.file=keys.jsonl} instead of {@code exporter=none} the file shows the known key
 * and the overflow keys):
 * <pre>
 * mvn -B -pl agent,bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main KeyCapBenchmark -prof gc -f 2 -wi 5 -i 5 \
 *   -jvmArgsAppend "-javaagent:agent/target/sinkwatch-agent.jar=exporter=none,app.packages=dev.sinkwatch.bench,keys.max=64"
 * </pre>
 * Results: docs/performance.md, "Past the key cap".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyCapBenchmark {

    static final int DEPTH = 150;
    /**
     * Distinct keys made after the known one: more than the keys.max this benchmark is run with, less JMH's own
     * sink calls before the set-up (its link to the host JVM: a connect, a file, some 30 deserialised classes).
     */
    static final int FILLERS = 100;

    private File known;
    private File neverKeyed;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        try {
            Class.forName("dev.sinkwatch.agent.bootstrap.SinkBridge", false, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the sinkwatch agent is not attached: add -jvmArgsAppend "
                    + "\"-javaagent:agent/target/sinkwatch-agent.jar=exporter=none,app.packages=dev.sinkwatch.bench,"
                    + "keys.max=64\" (see this class's Javadoc)");
        }
        File dir = Files.createTempDirectory("sinkwatch-keycap").toFile();
        dir.deleteOnExit();
        known = new File(dir, "known-absent");
        neverKeyed = new File(dir, "never-keyed-absent");
        deleteAtKnownSite(known);
        for (int i = 0; i < FILLERS; i++) {
            // letters only: digits in a path segment could be folded into one target
            deleteToFill(new File(dir, "filler-" + (char) ('a' + i / 26) + (char) ('a' + i % 26)));
        }
        // First sightings past the cap, so that the measured calls are steady state.
        deleteAtNewSite(neverKeyed);
        deleteAtKnownSite(neverKeyed);
    }

    @Benchmark
    public boolean knownKey() {
        return descend(DEPTH, 0);
    }

    @Benchmark
    public boolean pastCapNewCallSite() {
        return descend(DEPTH, 1);
    }

    @Benchmark
    public boolean pastCapKnownCallSite() {
        return descend(DEPTH, 2);
    }

    private boolean descend(int depth, int which) {
        if (depth > 0) {
            return descend(depth - 1, which);
        }
        switch (which) {
            case 0:
                return deleteAtKnownSite(known);
            case 1:
                return deleteAtNewSite(neverKeyed);
            default:
                return deleteAtKnownSite(neverKeyed);
        }
    }

    private static boolean deleteAtKnownSite(File file) {
        return file.delete();
    }

    private static boolean deleteAtNewSite(File file) {
        return file.delete();
    }

    private static boolean deleteToFill(File file) {
        return file.delete();
    }
}
