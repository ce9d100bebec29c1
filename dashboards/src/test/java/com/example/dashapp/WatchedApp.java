package com.example.dashapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small service for {@code DashboardQueriesIT}, run in a child JVM under the real agent. Its package is outside
 * {@code dev.sinkwatch} because the agent never treats its own project's classes as application code.
 *
 * <p>Usage: {@code WatchedApp <work dir> <learn millis> <run millis>}. Every 100 ms it writes and reads a receipt
 * file (benign traffic) and fails to read a missing one (sink errors). After {@code learn millis} — longer than the
 * collector's quiet period, so the call sites are stable — it also, every 500 ms, runs {@code sh -c true} (a shell:
 * {@code process.suspicious}, critical) and reads a canary file through {@code receipts/../secret/} at the receipt
 * call site ({@code file.traversal}, critical, and a novel target there). It exits after {@code run millis}.
 */
public final class WatchedApp {

    private WatchedApp() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long learnMillis = Long.parseLong(args[1]);
        long runMillis = Long.parseLong(args[2]);
        Path receipts = Files.createDirectories(work.resolve("receipts"));
        Path secret = Files.createDirectories(work.resolve("secret"));
        Files.writeString(secret.resolve("canary.txt"), "canary", StandardCharsets.UTF_8);
        long start = System.currentTimeMillis();
        long lastAttack = 0;
        System.out.println("watched app running");
        for (int i = 0; System.currentTimeMillis() - start < runMillis; i++) {
            Path receipt = receipts.resolve("r-" + (i % 10) + ".txt");
            write(receipt, "order " + i);
            read(receipt);
            try {
                read(work.resolve("missing").resolve("absent.txt"));
            } catch (IOException expected) {
                // a sink error, counted by the agent
            }
            long now = System.currentTimeMillis();
            if (now - start > learnMillis && now - lastAttack >= 500) {
                lastAttack = now;
                read(receipts.resolve("..").resolve("secret").resolve("canary.txt"));
                shell();
            }
            Thread.sleep(100);
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static void shell() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "true").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
