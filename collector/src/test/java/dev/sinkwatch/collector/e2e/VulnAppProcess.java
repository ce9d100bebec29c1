package dev.sinkwatch.collector.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code com.example.vulnapp.VulnApp} in a child JVM under the built agent, exporting to a collector; requests go to
 * it over real HTTP on loopback. {@code metadata.google.internal} resolves to 127.0.0.1 in the child (a hosts file
 * given with {@code -Djdk.net.hosts.file}), so the metadata attack never leaves the machine.
 *
 * <p>Its output reader is the demo's {@code ShopProcess}'s twin, kept here on purpose: the demo depends on the
 * collector, not the other way round, and a module shared by both would make test support a compile dependency of
 * the demo command.
 */
final class VulnAppProcess implements AutoCloseable {

    static final String SERVICE = "vuln-app";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final int port;

    private VulnAppProcess(Process process) throws IOException, InterruptedException {
        this.process = process;
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
        }, "vuln-app-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                process.destroyForcibly();
                throw new IOException("the vulnerable app did not start; its output:\n" + String.join("\n",
                        transcript));
            }
            transcript.add(line);
            if (line.startsWith("ready ")) {
                port = Integer.parseInt(line.substring(6).trim());
                return;
            }
        }
    }

    static VulnAppProcess start(Path agentJar, int otlpPort, Path home, String agentArgs) throws Exception {
        Files.createDirectories(home);
        Path hosts = home.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 metadata.google.internal\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String agent = "-javaagent:" + agentJar.toAbsolutePath() + "=service.name=" + SERVICE
                + ",service.version=1.0.0,endpoint=http://127.0.0.1:" + otlpPort
                + ",app.packages=com.example.vulnapp,export.interval=1s"
                + (agentArgs.isEmpty() ? "" : "," + agentArgs);
        List<String> command = List.of(java, "-Xshare:off", "-Djdk.net.hosts.file=" + hosts.toAbsolutePath(),
                agent, "-cp", System.getProperty("java.class.path"), "com.example.vulnapp.VulnApp",
                home.toAbsolutePath().toString());
        return new VulnAppProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** GET {@code path} with query parameters (name, value, ...); returns the status code. */
    int get(String path, String... params) throws Exception {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < params.length; i += 2) {
            query.append(query.length() == 0 ? "?" : "&").append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + query))
                .timeout(Duration.ofSeconds(30)).header("X-Request-Source", "integration-test").GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** POST {@code json} to {@code path} as {@code application/json}; returns the status code. */
    int postJson(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String output() {
        List<String> all = new ArrayList<>(transcript);
        lines.drainTo(all);
        transcript.clear();
        transcript.addAll(all);
        return String.join("\n", all);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
