package dev.sinkwatch.bench.whole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started, pinned to one CPU with {@code taskset} (which execs the command, so the PID is
 * the command's own). Every launched process is remembered until it is stopped; a shutdown hook stops those still
 * running when the benchmark ends in any way the JVM survives (failure, Ctrl-C, SIGTERM). Only these PIDs are ever
 * signalled.
 *
 * <p>Concurrency: {@link #RUNNING} is guarded by its own monitor; the rest is final, and each process is used by
 * one thread at a time (side by side, a starter thread until its start has ended).
 */
final class Launched implements AutoCloseable {

    private static final List<Launched> RUNNING = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Launched::stopAll, "whole-process-cleanup"));
    }

    /** Environment variables that would configure an agent behind the benchmark's back. */
    private static final Set<String> CLEARED_PREFIXES = Set.of("SINKWATCH_", "OTEL_", "JAVA_TOOL_OPTIONS",
            "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    final String name;
    final Process process;
    final Path log;

    private Launched(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code taskset -c cpu command...}, standard output and error appended to {@code log}. */
    static Launched start(String name, int cpu, List<String> command, Path log) throws IOException {
        List<String> full = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
        full.addAll(command);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ " + String.join(" ", full) + "\n");
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> CLEARED_PREFIXES.stream().anyMatch(k::startsWith));
        Launched launched = new Launched(name, builder.start(), log);
        synchronized (RUNNING) {
            RUNNING.add(launched);
        }
        return launched;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself; stops it when it has not within the timeout. */
    boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        boolean exited = process.waitFor(timeout, unit);
        if (!exited) {
            close();
        }
        return exited;
    }

    /** SIGTERM to this PID, then SIGKILL if it has not exited within 15 s. */
    @Override
    public void close() {
        stop(this);
        synchronized (RUNNING) {
            RUNNING.remove(this);
        }
    }

    private static void stop(Launched l) {
        if (!l.process.isAlive()) {
            return;
        }
        l.process.destroy();
        try {
            if (!l.process.waitFor(15, TimeUnit.SECONDS)) {
                l.process.destroyForcibly();
                l.process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            l.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void stopAll() {
        List<Launched> left;
        synchronized (RUNNING) {
            left = new ArrayList<>(RUNNING);
            RUNNING.clear();
        }
        for (Launched l : left) {
            if (l.process.isAlive()) {
                System.err.println("stopping " + l.name + " (pid " + l.pid() + ")");
            }
            stop(l);
        }
    }
}
