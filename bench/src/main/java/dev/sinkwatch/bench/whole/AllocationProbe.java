package dev.sinkwatch.bench.whole;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bytes a running JVM allocates over a phase, from JFR's {@code jdk.ThreadAllocationStatistics} (each thread's
 * cumulative allocated bytes, sampled every second) in a recording started and stopped with {@code jcmd}: a
 * recording with that one event enabled, so JFR costs every variant the same little (a sampling thread waking once
 * a second, and the JFR subsystem loaded in all of them). The allocation phase is separate from the phase that
 * measures throughput, latency, CPU and RSS, so JFR disturbs none of those.
 *
 * <p>Per thread: its last sample minus its sample in the first batch (taken when the recording starts), or minus 0
 * for a thread born during the phase. A thread that ends during the phase loses what it allocated after its last
 * sample; request threads of the measured servers are pooled and live through the phase.
 */
final class AllocationProbe {

    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="sinkwatch-bench-allocation" description="Per-thread allocated bytes only">
              <event name="jdk.ThreadAllocationStatistics">
                <setting name="enabled">true</setting>
                <setting name="period">1 s</setting>
              </event>
            </configuration>
            """;
    private static final String RECORDING = "sinkwatch-bench-allocation";

    private final Path jcmd;
    private final Path settings;
    private final int cpu;

    AllocationProbe(Path javaHome, Path workDir, int cpu) throws IOException {
        this.jcmd = javaHome.resolve("bin/jcmd");
        this.settings = workDir.resolve("allocation.jfc");
        this.cpu = cpu;
        Files.createDirectories(workDir);
        Files.writeString(settings, SETTINGS);
    }

    void start(long pid, Path log) throws IOException, InterruptedException {
        jcmd(pid, log, "JFR.start", "name=" + RECORDING, "settings=" + settings);
    }

    /** Stops the recording, writes it to {@code file} and returns the bytes allocated while it ran. */
    long stop(long pid, Path file, Path log) throws IOException, InterruptedException {
        jcmd(pid, log, "JFR.stop", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
        return allocatedBytes(RecordingFile.readAllEvents(file));
    }

    /** Sum over threads of (last sample - first-batch sample, or 0 for threads born later). */
    static long allocatedBytes(List<RecordedEvent> events) {
        Instant first = null;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.ThreadAllocationStatistics")
                    && (first == null || e.getStartTime().isBefore(first))) {
                first = e.getStartTime();
            }
        }
        if (first == null) {
            throw new IllegalStateException("the JFR recording has no jdk.ThreadAllocationStatistics event");
        }
        Instant firstBatchEnd = first.plus(Duration.ofMillis(500));
        Map<Long, Long> baseline = new HashMap<>();
        Map<Long, long[]> last = new HashMap<>();  // thread id -> {epoch nanos of last sample, allocated}
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ThreadAllocationStatistics")) {
                continue;
            }
            RecordedThread thread = e.getThread("thread");
            long id = thread == null ? -1 : thread.getId();
            long allocated = e.getLong("allocated");
            if (e.getStartTime().isBefore(firstBatchEnd)) {
                baseline.merge(id, allocated, Math::min);
            }
            long at = e.getStartTime().getEpochSecond() * 1_000_000_000L + e.getStartTime().getNano();
            long[] previous = last.get(id);
            if (previous == null || at >= previous[0]) {
                last.put(id, new long[] {at, allocated});
            }
        }
        long total = 0;
        for (Map.Entry<Long, long[]> e : last.entrySet()) {
            total += e.getValue()[1] - baseline.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }

    private void jcmd(long pid, Path log, String... command) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        try (Launched l = Launched.start("jcmd", cpu, args, log)) {
            if (!l.waitFor(60, TimeUnit.SECONDS) || l.process.exitValue() != 0) {
                throw new IOException("jcmd " + String.join(" ", command) + " failed: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        }
    }
}
