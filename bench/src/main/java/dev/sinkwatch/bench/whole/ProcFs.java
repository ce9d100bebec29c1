package dev.sinkwatch.bench.whole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a process's CPU time and resident memory from Linux's {@code /proc}: nothing is attached to the process,
 * so the reading costs every variant the same (nothing).
 */
final class ProcFs {

    /** Clock ticks per second of {@code /proc/PID/stat}'s times; 100 on every Linux we know of. */
    static final long TICKS_PER_SECOND = ticksPerSecond();
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

    private ProcFs() {
    }

    /** User plus system CPU time of all the process's threads, live and exited, in nanoseconds. */
    static long cpuNanos(long pid) throws IOException {
        return cpuTicks(read("/proc/" + pid + "/stat")) * NANOS_PER_TICK;
    }

    /** The kinds of thread {@link #cpuNanosByThreadKind} sums over, in the order the tables show them. */
    static final List<String> THREAD_KINDS = List.of("main", "JIT C1", "JIT C2", "GC and VM", "agent", "other",
            "exited");

    /**
     * The process's CPU time split by the kind of thread that spent it ({@link #threadKind}), in nanoseconds;
     * {@code exited} is what threads that have ended spent: {@code totalNanos} (the process's {@link #cpuNanos},
     * read just before) less its live threads'. The kinds add up to {@code totalNanos} unless the live threads ran
     * on while they were read (a few ms at most).
     */
    static Map<String, Long> cpuNanosByThreadKind(long pid, long totalNanos) throws IOException {
        Map<String, Long> byKind = new LinkedHashMap<>();
        THREAD_KINDS.forEach(k -> byKind.put(k, 0L));
        long live = 0;
        try (Stream<Path> tasks = Files.list(Paths.get("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = read(task.resolve("stat").toString());
                } catch (IOException ended) { // gone between the listing and the read (ENOENT or ESRCH)
                    continue; // counted under exited
                }
                long nanos = cpuTicks(stat) * NANOS_PER_TICK;
                byKind.merge(threadKind(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))), nanos,
                        Long::sum);
                live += nanos;
            }
        }
        byKind.put("exited", Math.max(0, totalNanos - live));
        return byKind;
    }

    /**
     * A thread's kind from its name as Linux keeps it (15 characters): the launcher's threads, the main one among
     * them, keep the command's name ({@code java}); HotSpot names its compiler, GC and VM threads; an agent's are
     * sinkwatch's ({@code sinkwatch-*}) or the OpenTelemetry SDK's and agent's (batch processors, metric reader,
     * OkHttp, {@code otel.*}).
     */
    static String threadKind(String name) {
        if (name.equals("java")) {
            return "main";
        }
        if (name.startsWith("C1 CompilerThre")) {
            return "JIT C1";
        }
        if (name.startsWith("C2 CompilerThre")) {
            return "JIT C2";
        }
        if (name.startsWith("VM ") || name.startsWith("GC ") || name.startsWith("G1 ") || name.contains(" GC")
                || name.equals("Sweeper thread") || name.equals("Service Thread")
                || name.equals("Monitor Deflati")) {
            return "GC and VM";
        }
        if (name.startsWith("sinkwatch") || name.startsWith("BatchLogRecordP") || name.startsWith("BatchSpanProces")
                || name.startsWith("PeriodicMetricR") || name.startsWith("OkHttp") || name.startsWith("otel")) {
            return "agent";
        }
        return "other";
    }

    /** {@code VmRSS} of the process in bytes. */
    static long rssBytes(long pid) throws IOException {
        return vmRssBytes(read("/proc/" + pid + "/status"));
    }

    /**
     * utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line. The command name (field 2) is in
     * parentheses and may contain spaces and parentheses, so fields are counted from the last ')'.
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        String[] fields = stat.substring(close + 2).trim().split(" +");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** The {@code VmRSS:   123456 kB} line of a {@code /proc/PID/status}. */
    static long vmRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected VmRSS line: " + line);
                }
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalArgumentException("no VmRSS line in /proc/PID/status (has the process exited?)");
    }

    private static String read(String path) throws IOException {
        return new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.US_ASCII);
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
