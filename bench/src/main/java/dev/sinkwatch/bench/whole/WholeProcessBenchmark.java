package dev.sinkwatch.bench.whole;

import dev.sinkwatch.bench.DiscardingOtlpEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole-process benchmark: Spring PetClinic and the {@link dev.sinkwatch.bench.workload.WorkloadService} each
 * started without an agent, with sinkwatch exporting to a live sinkwatch collector and with the OpenTelemetry Java
 * agent exporting to a live OTLP/HTTP endpoint, in interleaved rounds (variant order rotated per round). Per run:
 * <ol>
 *   <li>start the app pinned to {@code --app-cpu} with a fixed heap; poll its ready path every 20 ms: startup is the
 *       wall time from launch to the first 200, startup CPU the process's CPU time at that moment; RSS after start
 *       is {@code VmRSS} then;</li>
 *   <li>{@code wrk} (pinned to {@code --load-cpu}) warms it up, then measures: requests/s and p50/p99; CPU per
 *       request is the process's utime+stime over the measured phase divided by its requests; RSS after load is
 *       read at its end;</li>
 *   <li>a separate wrk phase under a JFR recording of {@code jdk.ThreadAllocationStatistics} only
 *       ({@link AllocationProbe}): allocated bytes per request;</li>
 *   <li>SIGTERM to the app's PID (SIGKILL after 15 s).</li>
 * </ol>
 * Command and options: {@code bench/whole-process/run.sh --help}; results in docs/performance.md, "Whole process".
 */
public final class WholeProcessBenchmark {

    private static final long POLL_MILLIS = 20;

    private final Options options;
    private final Path logs;
    private final AllocationProbe allocation;
    private int collectorOtlpPort;
    private int collectorApiPort;

    private WholeProcessBenchmark(Options options) throws IOException {
        this.options = options;
        this.logs = options.out.resolve("logs");
        this.allocation = new AllocationProbe(options.javaHome, options.out.resolve("jfr"), options.loadCpu);
    }

    public static void main(String[] args) throws Exception {
        Path benchJar = Paths.get(WholeProcessBenchmark.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toAbsolutePath().normalize();
        Options options;
        try {
            options = Options.parse(args, benchJar);
        } catch (IllegalArgumentException e) {
            System.err.println("whole-process benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Machine.requireTools(options);
        // The downstream server writes headers and body separately: without TCP_NODELAY, Nagle and the
        // client's delayed ACK would add ~40 ms to every call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        new WholeProcessBenchmark(options).run();
    }

    private void run() throws Exception {
        Files.createDirectories(options.out);
        deleteTree(logs);
        deleteTree(options.out.resolve("work"));
        Files.createDirectories(logs);
        Machine.pinSelf(options.loadCpu);
        Path csv = options.out.resolve("whole-process-rounds.csv");
        Files.writeString(csv, Report.CSV_HEADER);
        String environment = Machine.describe(options);
        System.out.print(environment);

        List<Report.Round> rounds = new ArrayList<>();
        long started = System.nanoTime();
        try (DownstreamServer downstream = new DownstreamServer();
             DiscardingOtlpEndpoint otlp = new DiscardingOtlpEndpoint();
             Launched collector = options.usesSinkwatch() ? startCollector() : null) {
            int collectorPort = collector == null ? 0 : collectorOtlpPort;
            int runs = options.rounds * options.apps.size() * options.variants.size();
            for (int round = 1; round <= options.rounds; round++) {
                for (String appName : options.apps) {
                    Variants.App app = Variants.app(appName, options);
                    for (int i = 0; i < options.variants.size(); i++) {
                        String variant = options.variants.get((i + round - 1) % options.variants.size());
                        System.out.printf(Locale.ROOT, "[%5ds] %d/%d round %d, %s, %s: ",
                                (System.nanoTime() - started) / 1_000_000_000L, rounds.size() + 1, runs, round,
                                appName, variant);
                        Report.Round r = measure(round, i + 1, app, variant, downstream.url(), collectorPort,
                                otlp.port());
                        System.out.println(r.failure() == null ? summary(r) : "FAILED: " + r.failure());
                        rounds.add(r);
                        Files.writeString(csv, Report.csvLine(r), StandardOpenOption.APPEND);
                    }
                }
            }
            if (collector != null) {
                Files.writeString(options.out.resolve("collector-metrics.txt"),
                        get("http://127.0.0.1:" + collectorApiPort + "/metrics"));
            }
            environment += String.format(Locale.ROOT, "OTLP discard endpoint (otel variant) received %d requests, "
                    + "%d bytes%n", otlp.requests(), otlp.bytes());
        }
        long minutes = (System.nanoTime() - started) / 60_000_000_000L;
        String tables = Report.tables(options.apps, options.variants, rounds);
        String report = "# Whole-process benchmark (" + Instant.now() + ", " + minutes + " min)\n\n```\n"
                + environment + "load average at the end: " + Machine.loadAverage() + "\n```\n\n"
                + "Median over rounds (min–max).\n\n" + tables;
        Path md = options.out.resolve("whole-process-results.md");
        Files.writeString(md, report);
        System.out.println();
        System.out.println(tables);
        System.out.println("Written: " + md + ", " + csv + "; logs in " + logs);
    }

    /** The sinkwatch collector on the load CPU, embedded H2 in a fresh data directory, until all rounds are done. */
    private Launched startCollector() throws Exception {
        collectorOtlpPort = freePort();
        collectorApiPort = freePort();
        Path data = options.out.resolve("collector-data");
        deleteTree(data);
        Launched collector = Launched.start("collector", options.loadCpu, List.of(
                options.javaHome.resolve("bin/java").toString(), "-Xmx256m", "-jar",
                options.collectorJar.toAbsolutePath().toString(), "--otlp-port", Integer.toString(collectorOtlpPort),
                "--api-port", Integer.toString(collectorApiPort), "--data-dir", data.toString()),
                logs.resolve("collector.log"));
        try {
            waitForOk(collector, "http://127.0.0.1:" + collectorApiPort + "/healthz", 180);
        } catch (Exception e) {
            collector.close();
            throw e;
        }
        return collector;
    }

    private Report.Round measure(int round, int order, Variants.App app, String variant, String downstreamUrl,
                                 int collectorPort, int otlpPort) throws InterruptedException {
        String run = "r" + round + "-" + app.name() + "-" + variant;
        try {
            int port = freePort();
            Path dataDir = options.out.resolve("work").resolve(run);
            List<String> command = new ArrayList<>(List.of(options.javaHome.resolve("bin/java").toString(),
                    "-Xms" + options.heap, "-Xmx" + options.heap));
            command.addAll(Variants.agentArguments(variant, app, options, collectorPort, otlpPort));
            command.addAll(Variants.appArguments(app, options, port, downstreamUrl, dataDir));
            String base = "http://127.0.0.1:" + port;

            long launched = System.nanoTime();
            try (Launched process = Launched.start(run, options.appCpu, command, logs.resolve(run + ".log"))) {
                long pid = process.pid();
                long ready = waitForOk(process, base + app.readyPath(), options.startupTimeoutSeconds);
                double startupSeconds = (ready - launched) / 1e9;
                double startupCpuSeconds = ProcFs.cpuNanos(pid) / 1e9;
                double rssStartMb = ProcFs.rssBytes(pid) / 1048576.0;

                String url = base + app.loadPath();
                if (options.warmupSeconds > 0) {
                    wrk(url, options.warmupSeconds, run + "-warmup");
                }
                long cpuBefore = ProcFs.cpuNanos(pid);
                WrkResult load = wrk(url, options.measureSeconds, run + "-measure");
                long cpuNanos = ProcFs.cpuNanos(pid) - cpuBefore;
                double rssLoadMb = ProcFs.rssBytes(pid) / 1048576.0;

                Path jfrLog = logs.resolve(run + "-jcmd.log");
                allocation.start(pid, jfrLog);
                WrkResult allocLoad = wrk(url, options.allocSeconds, run + "-alloc");
                Thread.sleep(1_200);  // one more per-thread sample after the load (they come every second)
                long allocated = allocation.stop(pid, options.out.resolve("jfr").resolve(run + ".jfr"), jfrLog);

                if (load.requests() == 0 || allocLoad.requests() == 0) {
                    throw new IOException("wrk completed no request (see " + logs + ")");
                }
                return new Report.Round(round, order, app.name(), variant, startupSeconds, startupCpuSeconds,
                        rssStartMb, rssLoadMb, load, cpuNanos / 1e3 / load.requests(), allocLoad.requests(),
                        allocated / 1024.0 / allocLoad.requests(), null);
            }
        } catch (IOException | RuntimeException e) {
            return Report.Round.failed(round, order, app.name(), variant, e.getMessage());
        } finally {
            Thread.sleep(1_000);  // let the stopped JVM's memory and CPU go before the next starts
        }
    }

    private WrkResult wrk(String url, int seconds, String name) throws IOException, InterruptedException {
        Path output = logs.resolve(name + ".wrk.txt");
        try (Launched wrk = Launched.start("wrk", options.loadCpu, List.of("wrk", "-t1",
                "-c" + options.connections, "-d" + seconds + "s", "--latency", "--timeout", "10s", url), output)) {
            if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.process.exitValue() != 0) {
                throw new IOException("wrk failed, see " + output);
            }
        }
        return WrkResult.parse(Files.readString(output));
    }

    /** Polls {@code url} every 20 ms until it answers 200; returns {@link System#nanoTime()} of that answer. */
    private static long waitForOk(Launched process, String url, int timeoutSeconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(process.name + " exited with " + process.process.exitValue()
                        + " before answering " + url + "; see " + process.log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
                c.setConnectTimeout(1_000);
                c.setReadTimeout(120_000);
                int status = c.getResponseCode();
                try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                    if (in != null) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
                if (status == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException(process.name + " did not answer 200 on " + url + " within " + timeoutSeconds
                + " s; see " + process.log);
    }

    private static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String summary(Report.Round r) {
        return String.format(Locale.ROOT, "startup %.1f s (CPU %.1f s), RSS %.0f/%.0f MB, %s, %.0f µs CPU/req, "
                        + "%.1f KB/req", r.startupSeconds(), r.startupCpuSeconds(), r.rssStartMb(), r.rssLoadMb(),
                r.load(), r.cpuMicrosPerRequest(), r.allocKbPerRequest());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
