package dev.sinkwatch.bench.whole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Reads a process's CPU time and resident memory from Linux's {@code /proc}: nothing is attached to the process,
 * so the reading costs every variant the same (nothing).
 */
final class ProcFs {

    /** Clock ticks per second of {@code /proc/PID/stat}'s times; 100 on every Linux we know of. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcFs() {
    }

    /** User plus system CPU time of all the process's threads, live and exited, in nanoseconds. */
    static long cpuNanos(long pid) throws IOException {
        return cpuTicks(read("/proc/" + pid + "/stat")) * (1_000_000_000L / TICKS_PER_SECOND);
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
