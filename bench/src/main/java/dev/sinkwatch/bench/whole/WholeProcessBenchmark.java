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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole-process benchmark: Spring PetClinic and the {@link dev.sinkwatch.bench.workload.WorkloadService} each
 * started without an agent, with sinkwatch exporting to a live sinkwatch collector and with the OpenTelemetry Java
 * agent exporting to a live OTLP/HTTP endpoint, in rounds (variant order rotated per round). A round of one app
 * ({@link #measureRound}):
 * <ol>
 *   <li>each variant is started in turn, pinned to {@code --app-cpu} with a fixed heap, and its ready path polled
 *       every 20 ms: startup is the wall time from launch to the first 200, startup CPU the process's CPU time at
 *       that moment, RSS after start its {@code VmRSS} then; the next starts once it has settled;</li>
 *   <li>{@code wrk} (pinned to {@code --load-cpu}) warms each up in turn, then measures them in alternating slices
 *       (all variants forward, then backward, …): the machine drifts over minutes, and a variant measured a minute
 *       after another would carry that drift. Requests/s and p50/p99 come from the slices
 *       ({@link WrkResult#combine}); CPU per request is each process's utime+stime over the whole measured phase
 *       (its idle time between its slices included: an agent's export is part of its cost) divided by its
 *       requests; RSS after load is read at the end;</li>
 *   <li>each variant's separate wrk phase under a JFR recording of {@code jdk.ThreadAllocationStatistics} only
 *       ({@link AllocationProbe}): allocated bytes per request;</li>
 *   <li>SIGTERM to every app's PID (SIGKILL after 15 s).</li>
 * </ol>
 * {@code --startup-only} stops after the first step; {@code --side-by-side} instead starts the variants in pairs at
 * the same moment, one per CPU ({@link #measureSideBySide}).
 * Command and options: {@code bench/whole-process/run.sh --help}; results in docs/performance.md, "Whole process".
 */
public final class WholeProcessBenchmark {

    private static final long POLL_MILLIS = 20;
    private static final int SETTLE_SECONDS = 15;

    private final Options options;
    private final Path logs;
    private final AllocationProbe allocation;
    private int collectorOtlpPort;
    private int collectorApiPort;
    private long started;

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
        if (options.variants.contains("noop-transformer")) {
            NoopTransformerAgent.writeJar(Variants.noopTransformerAgent(options).getParent());
        }
        Machine.pinSelf(options.loadCpu);
        Path csv = options.out.resolve("whole-process-rounds.csv");
        Files.writeString(csv, Report.CSV_HEADER);
        Path threadsCsv = options.out.resolve("whole-process-startup-threads.csv");
        Files.writeString(threadsCsv, Report.THREADS_CSV_HEADER);
        String environment = Machine.describe(options);
        System.out.print(environment);

        List<Report.Round> rounds = new ArrayList<>();
        started = System.nanoTime();
        try (DownstreamServer downstream = new DownstreamServer();
             DiscardingOtlpEndpoint otlp = new DiscardingOtlpEndpoint();
             Launched collector = options.usesSinkwatch() ? startCollector() : null) {
            int collectorPort = collector == null ? 0 : collectorOtlpPort;
            Path slicesCsv = options.out.resolve("whole-process-slices.csv");
            Files.writeString(slicesCsv, "round,app,variant,slice,requests,req_per_s,p50_ms,p99_ms,wrk_errors\n");
            for (int round = 1; round <= options.rounds; round++) {
                List<String> order = new ArrayList<>(options.variants);
                Collections.rotate(order, -(round - 1));
                for (String appName : options.apps) {
                    Variants.App app = Variants.app(appName, options);
                    for (Report.Round r : options.sideBySide
                            ? measureSideBySide(round, app, downstream.url(), collectorPort, otlp.port())
                            : measureRound(round, app, order, downstream.url(), collectorPort, otlp.port(),
                                    slicesCsv)) {
                        rounds.add(r);
                        Files.writeString(csv, Report.csvLine(r), StandardOpenOption.APPEND);
                        Files.writeString(threadsCsv, Report.threadsCsvLines(r), StandardOpenOption.APPEND);
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

    /**
     * The sinkwatch collector on the load CPU, embedded H2 in a fresh data directory, until all rounds are done.
     * Side by side an app starts on that CPU too; sides are swapped every round, so each variant shares it alike.
     */
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

    /**
     * One round of one app: every variant started in turn (startup measured with the others idle), warmed up in
     * turn, then measured in alternating wrk slices (forward, backward, forward, …) so that the machine's drift,
     * minutes long here, falls on every variant alike; then each variant's allocation phase; then all stopped.
     * A variant that fails leaves the round's other variants running.
     */
    private List<Report.Round> measureRound(int round, Variants.App app, List<String> order, String downstreamUrl,
                                            int collectorPort, int otlpPort, Path slicesCsv)
            throws InterruptedException, IOException {
        List<Run> runs = new ArrayList<>();
        try {
            for (int i = 0; i < order.size(); i++) {
                Run r = new Run(round, i + 1, app, order.get(i), options.appCpu);
                runs.add(r);
                progress(r, "starting");
                int port = freePort();
                r.attempt(() -> start(r, port, downstreamUrl, collectorPort, otlpPort));
                r.attempt(() -> settle(r));
            }
            if (options.startupOnly) {
                return results(runs);
            }
            if (options.warmupSeconds > 0) {
                for (Run r : live(runs)) {
                    r.attempt(() -> wrk(r.url, options.warmupSeconds, r.name + "-warmup"));
                }
            }
            for (Run r : live(runs)) {
                r.attempt(() -> r.cpuBefore = ProcFs.cpuNanos(r.process.pid()));
            }
            int slices = Math.max(1, options.measureSeconds / options.sliceSeconds);
            for (int slice = 1; slice <= slices; slice++) {
                List<Run> turn = new ArrayList<>(live(runs));
                if (slice % 2 == 0) {
                    Collections.reverse(turn);
                }
                for (Run r : turn) {
                    int n = slice;
                    r.attempt(() -> {
                        WrkResult w = wrk(r.url, options.sliceSeconds, r.name + "-measure-" + n);
                        r.slices.add(w);
                        Files.writeString(slicesCsv, String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%.1f,%.3f,%.3f,%d%n",
                                round, app.name(), r.variant, n, w.requests(), w.requestsPerSecond(), w.p50Millis(),
                                w.p99Millis(), w.errors()), StandardOpenOption.APPEND);
                    });
                }
            }
            for (Run r : live(runs)) {
                r.attempt(() -> {
                    r.cpuNanos = ProcFs.cpuNanos(r.process.pid()) - r.cpuBefore;
                    r.rssLoadMb = ProcFs.rssBytes(r.process.pid()) / 1048576.0;
                });
            }
            for (Run r : live(runs)) {
                r.attempt(() -> allocationPhase(r));
            }
            return results(runs);
        } finally {
            stop(runs);
            Thread.sleep(1_000);  // let the stopped JVMs' memory and CPU go before the next round starts
        }
    }

    /**
     * One round of one app side by side ({@code --side-by-side}): no agent (the first variant) and each other
     * variant in turn are launched at the same moment, one pinned to the app CPU and one to the load CPU (sides
     * swapped every round, so each variant spends as many rounds on either), and both polled until their first 200.
     * Started apart, a pair's two starts fall on different minutes of a drifting machine; started together, they share
     * it. Both starts have ended (answered, failed or timed out) before either process is stopped. Each pair is
     * recorded as a round of its own ({@code (round - 1) * pairs + k}), so the report pairs each variant with the
     * reference it started beside.
     */
    private List<Report.Round> measureSideBySide(int round, Variants.App app, String downstreamUrl,
                                                 int collectorPort, int otlpPort)
            throws IOException, InterruptedException {
        String reference = options.variants.get(0);
        List<String> others = options.variants.subList(1, options.variants.size());
        boolean swapped = round % 2 == 0;
        List<Report.Round> results = new ArrayList<>();
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            for (int k = 0; k < others.size(); k++) {
                int pair = (round - 1) * others.size() + k + 1;
                List<Run> runs = List.of(
                        new Run(pair, 1, app, reference, swapped ? options.loadCpu : options.appCpu),
                        new Run(pair, 2, app, others.get(k), swapped ? options.appCpu : options.loadCpu));
                try {
                    int[] ports = distinctFreePorts();
                    List<Future<?>> starts = new ArrayList<>();
                    for (int i = 0; i < runs.size(); i++) {
                        Run r = runs.get(i);
                        int port = ports[i];
                        progress(r, "starting on CPU " + r.cpu);
                        starts.add(starter.submit(() -> {
                            r.attempt(() -> start(r, port, downstreamUrl, collectorPort, otlpPort));
                            return null;
                        }));
                    }
                    Throwable unexpected = null;
                    for (Future<?> s : starts) { // every start has ended before any process is closed
                        try {
                            s.get();
                        } catch (ExecutionException e) {
                            unexpected = e.getCause();
                        }
                    }
                    if (unexpected != null) {
                        throw new IllegalStateException("a side-by-side start failed unexpectedly", unexpected);
                    }
                } finally {
                    stop(runs);
                }
                results.addAll(results(runs));
                Thread.sleep(1_000);  // let the stopped JVMs' memory and CPU go before the next pair starts
            }
        } finally {
            starter.shutdownNow();
        }
        return results;
    }

    /** Stops every app of the runs that was launched (SIGTERM, SIGKILL after 15 s). */
    private static void stop(List<Run> runs) {
        for (Run r : runs) {
            if (r.process != null) {
                r.process.close();
            }
        }
    }

    private List<Report.Round> results(List<Run> runs) {
        List<Report.Round> results = new ArrayList<>();
        for (Run r : runs) {
            Report.Round result = r.result(options.startupOnly);
            progress(r, result.failure() == null ? summary(result) : "FAILED: " + result.failure());
            results.add(result);
        }
        return results;
    }

    /** Launches the app under the run's variant and waits for its first 200: startup, startup CPU, RSS. */
    private void start(Run r, int port, String downstreamUrl, int collectorPort, int otlpPort) throws IOException,
            InterruptedException {
        Path dataDir = options.out.resolve("work").resolve(r.name);
        List<String> command = new ArrayList<>(List.of(options.javaHome.resolve("bin/java").toString(),
                "-Xms" + options.heap, "-Xmx" + options.heap));
        command.addAll(Variants.agentArguments(r.variant, r.app, options, collectorPort, otlpPort));
        command.addAll(Variants.appArguments(r.app, options, port, downstreamUrl, dataDir));
        String base = "http://127.0.0.1:" + port;
        r.url = base + r.app.loadPath();
        long launched = System.nanoTime();
        r.process = Launched.start(r.name, r.cpu, command, logs.resolve(r.name + ".log"));
        long pid = r.process.pid();
        long ready = waitForOk(r.process, base + r.app.readyPath(), options.startupTimeoutSeconds);
        r.startupSeconds = (ready - launched) / 1e9;
        long cpuNanos = ProcFs.cpuNanos(pid);
        ProcFs.cpuNanosByThreadKind(pid, cpuNanos).forEach((kind, n) -> r.startupCpuByThread.put(kind, n / 1e9));
        r.startupCpuSeconds = cpuNanos / 1e9;
        r.rssStartMb = ProcFs.rssBytes(pid) / 1048576.0;
    }

    /**
     * Waits (at most {@link #SETTLE_SECONDS}) until a just-started app uses under a tenth of its CPU, so that its
     * late start-up work (JIT compilation, deferred initialisation) does not fall on the next variant's start.
     */
    private static void settle(Run r) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long before = ProcFs.cpuNanos(r.process.pid());
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = ProcFs.cpuNanos(r.process.pid());
            if (now - before < 50_000_000L) {
                return;
            }
            before = now;
        }
    }

    /** A separate wrk phase under a JFR recording of per-thread allocation: allocated bytes per request. */
    private void allocationPhase(Run r) throws IOException, InterruptedException {
        long pid = r.process.pid();
        Path jfrLog = logs.resolve(r.name + "-jcmd.log");
        allocation.start(pid, jfrLog);
        WrkResult load = wrk(r.url, options.allocSeconds, r.name + "-alloc");
        Thread.sleep(1_200);  // one more per-thread sample after the load (they come every second)
        long allocated = allocation.stop(pid, options.out.resolve("jfr").resolve(r.name + ".jfr"), jfrLog);
        if (load.requests() == 0) {
            throw new IOException("wrk completed no request in the allocation phase (see " + logs + ")");
        }
        r.allocRequests = load.requests();
        r.allocKbPerRequest = allocated / 1024.0 / load.requests();
    }

    private List<Run> live(List<Run> runs) {
        List<Run> live = new ArrayList<>();
        for (Run r : runs) {
            if (r.failure == null) {
                live.add(r);
            }
        }
        return live;
    }

    private void progress(Run r, String what) {
        System.out.printf(Locale.ROOT, "[%5ds] round %d, %s, %s: %s%n", (System.nanoTime() - started) / 1_000_000_000L,
                r.round, r.app.name(), r.variant, what);
    }

    /**
     * What one variant of one app accumulates over a round; used by one thread at a time (the benchmark's, or a
     * side-by-side starter's until its start's future is done).
     */
    private static final class Run {
        final int round;
        final int order;
        final Variants.App app;
        final String variant;
        final String name;
        final int cpu;
        final List<WrkResult> slices = new ArrayList<>();
        Launched process;
        String url;
        String failure;
        double startupSeconds = Double.NaN;
        double startupCpuSeconds = Double.NaN;
        double rssStartMb = Double.NaN;
        final Map<String, Double> startupCpuByThread = new LinkedHashMap<>();
        double rssLoadMb = Double.NaN;
        long cpuBefore;
        long cpuNanos;
        long allocRequests;
        double allocKbPerRequest = Double.NaN;

        Run(int round, int order, Variants.App app, String variant, int cpu) {
            this.round = round;
            this.order = order;
            this.app = app;
            this.variant = variant;
            this.cpu = cpu;
            this.name = "r" + round + "-" + app.name() + "-" + variant;
        }

        interface Step {
            void run() throws IOException, InterruptedException;
        }

        /** Runs a step unless the run has already failed; a failure is kept and ends the run's part in the round. */
        void attempt(Step step) throws InterruptedException {
            if (failure != null) {
                return;
            }
            try {
                step.run();
            } catch (IOException | RuntimeException e) {
                failure = String.valueOf(e.getMessage());
                if (process != null) {
                    process.close();
                }
            }
        }

        /** @param startupOnly no load was put on it: only the start-up figures are known */
        Report.Round result(boolean startupOnly) {
            if (failure == null && !startupOnly && slices.stream().mapToLong(WrkResult::requests).sum() == 0) {
                failure = "wrk completed no request in the measured phase";
            }
            if (failure != null) {
                return Report.Round.failed(round, order, app.name(), variant, cpu, failure);
            }
            if (startupOnly) {
                return new Report.Round(round, order, app.name(), variant, startupSeconds, startupCpuSeconds,
                        rssStartMb, Double.NaN, null, Double.NaN, 0, Double.NaN, null, startupCpuByThread, cpu);
            }
            WrkResult load = WrkResult.combine(slices);
            return new Report.Round(round, order, app.name(), variant, startupSeconds, startupCpuSeconds,
                    rssStartMb, rssLoadMb, load, cpuNanos / 1e3 / load.requests(), allocRequests, allocKbPerRequest,
                    null, startupCpuByThread, cpu);
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

    /** Two free ports, different from each other (each is closed before the next is asked for). */
    private static int[] distinctFreePorts() throws IOException {
        int first = freePort();
        int second = freePort();
        while (second == first) {
            second = freePort();
        }
        return new int[] {first, second};
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String summary(Report.Round r) {
        if (r.load() == null) {
            return String.format(Locale.ROOT, "startup %.1f s (CPU %.1f s), RSS %.0f MB", r.startupSeconds(),
                    r.startupCpuSeconds(), r.rssStartMb());
        }
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
