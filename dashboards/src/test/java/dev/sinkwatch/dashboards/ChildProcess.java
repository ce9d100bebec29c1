package dev.sinkwatch.dashboards;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A process this test started, its output in a log file; closing stops it (SIGTERM, then SIGKILL after 20 s). */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, Path dir, List<String> command) throws IOException {
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ChildProcess(name, process, log);
    }

    /** The java executable running this test. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port free right now (a small race with other processes, acceptable in a test). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Waits until a line of the output matches, returning the match; fails when the process exits first. */
    Matcher awaitOutput(Pattern pattern, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited " + process.exitValue() + " before printing " + pattern
                        + ":\n" + tail());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not print " + pattern + " within " + timeoutMillis + " ms:\n" + tail());
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The last 60 lines of output, for failure messages. */
    String tail() {
        try {
            List<String> lines = output().lines().toList();
            return name + " output (last lines):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60),
                    lines.size()));
        } catch (IOException e) {
            return name + " output unreadable: " + e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
