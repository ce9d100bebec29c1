package dev.sinkwatch.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The sample app ({@code com.example.shop.ShopApp}) in a child JVM under the real agent, driven over its standard
 * input. Used by the {@code demo} subcommand and the end-to-end tests.
 *
 * <p>Concurrency: one thread drives it; a daemon thread copies the child's output into a queue.
 */
public final class ShopProcess implements AutoCloseable {

    public static final String SERVICE = "demo-shop";

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private ShopProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("error reading the app's output: " + e);
            }
        }, "sinkwatch-demo-app-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the app and waits for it to say {@code ready}.
     *
     * @param agentJar   {@code agent/target/sinkwatch-agent.jar}
     * @param otlpPort   the collector's OTLP port on 127.0.0.1
     * @param home       directory the app keeps its files in (receipts, the canary)
     * @param agentArgs  extra agent arguments ({@code key=value,...}), may be empty
     */
    public static ShopProcess start(Path agentJar, int otlpPort, Path home, String agentArgs)
            throws IOException, InterruptedException {
        return start(agentJar, otlpPort, home, agentArgs, System.getProperty("java.class.path"));
    }

    /** @param classPath where {@code com.example.shop} and H2 are (the collector jar, or the test class path) */
    public static ShopProcess start(Path agentJar, int otlpPort, Path home, String agentArgs, String classPath)
            throws IOException, InterruptedException {
        return start(agentJar, otlpPort, home, agentArgs, classPath, "1.0.0", null);
    }

    /**
     * @param version  the agent's {@code service.version}
     * @param revision the agent's {@code vcs.revision} (the commit the app was built from), or null for none
     */
    public static ShopProcess start(Path agentJar, int otlpPort, Path home, String agentArgs, String classPath,
            String version, String revision) throws IOException, InterruptedException {
        if (!Files.isRegularFile(agentJar)) {
            throw new IOException("agent jar not found: " + agentJar.toAbsolutePath()
                    + " (build it with: mvn -B -DskipTests package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String agent = "-javaagent:" + agentJar.toAbsolutePath() + "=service.name=" + SERVICE
                + ",service.version=" + version + (revision == null ? "" : ",vcs.revision=" + revision)
                + ",endpoint=http://127.0.0.1:" + otlpPort
                + ",app.packages=com.example.shop,export.interval=1s" + (agentArgs.isEmpty() ? "" : "," + agentArgs);
        List<String> command = List.of(java, "-Xshare:off", agent, "-cp", classPath,
                "com.example.shop.ShopApp", home.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ShopProcess shop = new ShopProcess(process);
        try {
            shop.await("ready", 60);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return shop;
    }

    /** Sends one command and waits for its {@code ok}; throws with the app's output on error or timeout. */
    public void send(String command, int timeoutSeconds) throws IOException, InterruptedException {
        stdin.write(command + "\n");
        stdin.flush();
        await("ok " + command, timeoutSeconds);
    }

    private void await(String expected, int timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IOException("the sample app did not answer '" + expected + "' within " + timeoutSeconds
                        + " s; its output:\n" + String.join("\n", transcript));
            }
            transcript.add(line);
            if (line.equals(expected)) {
                return;
            }
            if (line.startsWith("error ")) {
                throw new IOException("the sample app failed: " + line);
            }
        }
    }

    /** What the app printed so far (agent banner included). */
    public List<String> transcript() {
        return List.copyOf(transcript);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            stdin.write("quit\n");
            stdin.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
