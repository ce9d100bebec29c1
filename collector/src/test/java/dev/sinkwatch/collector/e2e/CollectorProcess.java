package dev.sinkwatch.collector.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar sinkwatch-collector.jar serve ...} as a child process, for crash tests (kill -9). */
final class CollectorProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile(
            "OTLP on http://[^:]+:(\\d+)/v1/logs, API on http://[^:]+:(\\d+)/api/alerts");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private volatile int otlpPort;
    private volatile int apiPort;

    private CollectorProcess(Process process) {
        this.process = process;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("sinkwatch.it.collectorJar", "target/sinkwatch-collector.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("collector jar missing: " + jar.toAbsolutePath() + " (built in package)");
        }
        return jar;
    }

    static CollectorProcess start(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toAbsolutePath().toString(), "serve", "--otlp-port", "0", "--api-port", "0"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CollectorProcess collector = new CollectorProcess(process);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    collector.output.add(line);
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        collector.otlpPort = Integer.parseInt(m.group(1));
                        collector.apiPort = Integer.parseInt(m.group(2));
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "it-collector-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (collector.apiPort == 0 || !new Api(collector.apiPort).healthy()) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("collector did not start; output:\n" + String.join("\n", collector.output));
            }
            Thread.sleep(100);
        }
        return collector;
    }

    int otlpPort() {
        return otlpPort;
    }

    int apiPort() {
        return apiPort;
    }

    Api api() {
        return new Api(apiPort);
    }

    String otlpUrl() {
        return "http://127.0.0.1:" + otlpPort + "/v1/logs";
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the shutdown hook closes everything
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
