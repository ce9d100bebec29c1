package dev.sinkwatch.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs {@link SinkCallBenchmark} without an agent, with sinkwatch and with the OpenTelemetry Java agent in one run,
 * and prints one table: time and allocation per call, what each agent adds over no agent, and the ratio.
 *
 * <p>Command (from the repository root):
 * <pre>
 * mvn -B -pl agent,bench -am package -DskipTests &amp;&amp; java -jar bench/target/benchmarks.jar
 * </pre>
 *
 * <p>Configurations, each a separate forked JVM with the same {@link #COMMON_JVM_ARGS}:
 * <ul>
 *   <li>{@code none}: no agent.</li>
 *   <li>{@code noop-agent}: {@code -javaagent:bench/target/benchmarks.jar}, a {@link NoopAgent} with an empty
 *       premain: the cost of merely having a {@code -javaagent}, the floor under any agent.</li>
 *   <li>{@code sinkwatch}: {@code -javaagent:agent/target/sinkwatch-agent.jar=exporter=none,app.packages=dev.sinkwatch.bench}
 *       (records and aggregates everything; exports nothing).</li>
 *   <li>{@code sinkwatch-otlp}: the same with the default {@code exporter=otlp}, to an OTLP/HTTP endpoint that this
 *       process serves on 127.0.0.1 and that accepts and discards every request (a collector that is up).</li>
 *   <li>{@code otel}: {@code -javaagent:bench/target/agents/opentelemetry-javaagent.jar} (2.x from Maven Central, the
 *       version pinned in bench/pom.xml) with {@code otel.traces/metrics/logs.exporter=none}: spans are still created
 *       and ended, nothing is exported.</li>
 * </ul>
 * To reduce drift on a noisy machine the forks are interleaved: round {@code r} forks every benchmark once per
 * configuration, the configurations in an order rotated by {@code r}. Each (benchmark, configuration) cell pools
 * the measurement iterations of all its forks; the error shown is JMH's 99.9 % confidence half-width over them
 * (Student's t); the median of the iterations is shown too, as it resists the odd iteration a busy machine spoils.
 * Allocation is JMH's {@code -prof gc} {@code gc.alloc.rate.norm}: bytes allocated by the whole JVM during an
 * iteration divided by its calls (so an agent's background threads count).
 *
 * <p>System properties (before {@code -jar}): {@code bench.quick=true} (1 round, 4 warm-up and 3 measurement
 * iterations: a smoke run of ~4 minutes), {@code bench.forks} (rounds, default 3), {@code bench.warmups} (default
 * 5), {@code bench.iterations} (default 4), {@code bench.iteration.seconds} (default 1), {@code bench.configs}
 * (comma list, default {@code none,noop-agent,sinkwatch,sinkwatch-otlp,otel}; {@code none} is always run),
 * {@code bench.include} (regex on the benchmark method name), {@code bench.class} (the benchmark class's simple name,
 * default {@code SinkCallBenchmark}; {@code RequestContextBenchmark} for the request context's cost), {@code bench.sinkwatch.before}
 * (the jar of an earlier build of the agent: adds the configuration {@code sinkwatch-before}, the same as
 * {@code sinkwatch} with that jar, for a before/after in one interleaved run), {@code bench.sinkwatch.agent} and
 * {@code bench.otel.agent} (jar paths; default: found from this jar's location), {@code bench.out} (directory for
 * the results, default this jar's directory), {@code bench.verbose=true} (JMH's own output on the console instead
 * of {@code jmh-run.log}).
 */
public final class BenchmarkMain {

    /** Same heap and collector for every configuration, so the agents are the only difference. */
    static final List<String> COMMON_JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    private static final String NONE = "none";
    private static final String ALLOC = "gc.alloc.rate.norm";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("bench.quick");
        int rounds = Integer.getInteger("bench.forks", quick ? 1 : 3);
        int warmups = Integer.getInteger("bench.warmups", quick ? 4 : 5);
        int iterations = Integer.getInteger("bench.iterations", quick ? 3 : 4);
        int seconds = Integer.getInteger("bench.iteration.seconds", 1);
        String include = System.getProperty("bench.include", ".*");
        boolean verbose = Boolean.getBoolean("bench.verbose");

        Path jarDir = jarDirectory();
        Path outDir = Paths.get(System.getProperty("bench.out", jarDir.toString()));
        Files.createDirectories(outDir);
        Path sinkwatchJar = findJar("bench.sinkwatch.agent",
                jarDir.resolve("../../agent/target/sinkwatch-agent.jar"), Paths.get("agent/target/sinkwatch-agent.jar"));
        Path otelJar = findJar("bench.otel.agent",
                jarDir.resolve("agents/opentelemetry-javaagent.jar"), Paths.get("bench/target/agents/opentelemetry-javaagent.jar"));

        DiscardingOtlpEndpoint otlp = new DiscardingOtlpEndpoint();
        Path benchJar = Paths.get(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, List<String>> configs = configurations(benchJar, sinkwatchJar, otelJar, otlp.port());
        List<String> chosen = new ArrayList<>(Arrays.asList(
                System.getProperty("bench.configs", String.join(",", configs.keySet())).split(",")));
        for (String c : chosen) {
            if (!configs.containsKey(c)) {
                throw new IllegalArgumentException("unknown configuration " + c + "; known: " + configs.keySet());
            }
        }
        if (!chosen.contains(NONE)) {
            chosen.add(0, NONE);
        }

        Class<?> benchmarkClass = Class.forName(BenchmarkMain.class.getPackageName() + "."
                + System.getProperty("bench.class", SinkCallBenchmark.class.getSimpleName()));
        List<String> benchmarks = new ArrayList<>();
        for (java.lang.reflect.Method m : benchmarkClass.getDeclaredMethods()) {
            if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)
                    && Pattern.compile(include).matcher(m.getName()).find()) {
                benchmarks.add(m.getName());
            }
        }
        benchmarks.sort(null);
        String regex = "^" + Pattern.quote(benchmarkClass.getName()) + "\\.("
                + String.join("|", benchmarks) + ")$";

        Path log = outDir.resolve("jmh-run.log");
        String environment = environment(sinkwatchJar, otelJar, rounds, warmups, iterations, seconds, configs, chosen);
        System.out.println(environment);
        System.out.printf(Locale.ROOT, "%d benchmarks x %d configurations x %d forks; JMH output: %s%n",
                benchmarks.size(), chosen.size(), rounds, verbose ? "console" : log);

        // cell key "benchmark|config" -> pooled iteration scores
        Map<String, ListStatistics> time = new LinkedHashMap<>();
        Map<String, ListStatistics> alloc = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("round,config,benchmark,iteration,ns_per_op,bytes_per_op\n");
        Files.deleteIfExists(log);
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < chosen.size(); i++) {
                String config = chosen.get((i + round) % chosen.size());
                List<String> jvmArgs = new ArrayList<>(COMMON_JVM_ARGS);
                jvmArgs.addAll(configs.get(config));
                ChainedOptionsBuilder options = new OptionsBuilder()
                        .include(regex)
                        .forks(1)
                        .warmupIterations(warmups)
                        .warmupTime(TimeValue.seconds(seconds))
                        .measurementIterations(iterations)
                        .measurementTime(TimeValue.seconds(seconds))
                        .threads(1)
                        .jvmArgs(jvmArgs.toArray(new String[0]))
                        .addProfiler(GCProfiler.class)
                        .shouldFailOnError(true);
                if (!verbose) {
                    options.output(log.toString() + ".part");
                }
                System.out.printf(Locale.ROOT, "[%4ds] round %d/%d, %s%n",
                        (System.nanoTime() - started) / 1_000_000_000L, round + 1, rounds, config);
                Collection<RunResult> results;
                try {
                    results = new Runner(options.build()).run();
                } catch (RunnerException e) {
                    System.out.println("  FAILED: " + e.getMessage() + (verbose ? "" : " (see " + log + ")"));
                    results = List.of();
                } finally {
                    appendPart(log);
                }
                for (RunResult run : results) {
                    String benchmark = shortName(run.getParams().getBenchmark());
                    String cell = benchmark + "|" + config;
                    int iteration = 0;
                    for (BenchmarkResult fork : run.getBenchmarkResults()) {
                        for (IterationResult it : fork.getIterationResults()) {
                            double ns = it.getPrimaryResult().getScore();
                            double bytes = secondary(it, ALLOC);
                            time.computeIfAbsent(cell, k -> new ListStatistics()).addValue(ns);
                            if (!Double.isNaN(bytes)) {
                                alloc.computeIfAbsent(cell, k -> new ListStatistics()).addValue(bytes);
                            }
                            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%.3f,%.3f%n",
                                    round + 1, config, benchmark, ++iteration, ns, bytes));
                        }
                    }
                }
            }
        }
        otlp.close();
        long minutes = (System.nanoTime() - started) / 60_000_000_000L;
        String table = table(benchmarks, chosen, time, alloc) + "\n" + summary(benchmarks, time, alloc);
        String received = String.format(Locale.ROOT, "OTLP endpoint of sinkwatch-otlp received %d requests, %d bytes%n",
                otlp.requests(), otlp.bytes());
        String report = "# sinkwatch-bench results (" + Instant.now() + ", " + minutes + " min)\n\n"
                + "```\n" + environment + received + "```\n\n" + table;
        Files.write(outDir.resolve("bench-results.md"), report.getBytes(StandardCharsets.UTF_8));
        Files.write(outDir.resolve("bench-iterations.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        System.out.println();
        System.out.println(table);
        System.out.print(received);
        System.out.println("Written: " + outDir.resolve("bench-results.md") + ", " + outDir.resolve("bench-iterations.csv"));
    }

    /** The agents, each as the JVM arguments that add it. Insertion order is the default run order. */
    static Map<String, List<String>> configurations(Path benchJar, Path sinkwatchJar, Path otelJar, int otlpPort) {
        Map<String, List<String>> configs = new LinkedHashMap<>();
        configs.put(NONE, List.of());
        configs.put("noop-agent", List.of("-javaagent:" + benchJar));
        String sinkwatch = "-javaagent:" + sinkwatchJar + "=service.name=sinkwatch-bench,app.packages=dev.sinkwatch.bench";
        configs.put("sinkwatch", List.of(sinkwatch + ",exporter=none"));
        configs.put("sinkwatch-otlp", List.of(sinkwatch + ",exporter=otlp,endpoint=http://127.0.0.1:" + otlpPort));
        String before = System.getProperty("bench.sinkwatch.before");
        if (before != null) { // an earlier build of the agent, run interleaved with this one for a before/after
            configs.put("sinkwatch-before", List.of("-javaagent:" + Paths.get(before).toAbsolutePath()
                    + "=service.name=sinkwatch-bench,app.packages=dev.sinkwatch.bench,exporter=none"));
        }
        configs.put("otel", List.of("-javaagent:" + otelJar, "-Dotel.service.name=sinkwatch-bench",
                "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"));
        return configs;
    }

    static String table(List<String> benchmarks, List<String> configs, Map<String, ListStatistics> time,
                        Map<String, ListStatistics> alloc) {
        StringBuilder t = new StringBuilder();
        t.append("| benchmark | agent | ns/op mean ± 99.9 % CI | median | added ns/op (mean ± CI) | added (median) "
                + "| ratio | B/op | added B/op |\n");
        t.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String b : benchmarks) {
            ListStatistics t0 = time.get(b + "|" + NONE);
            ListStatistics a0 = alloc.get(b + "|" + NONE);
            for (String c : configs) {
                ListStatistics tc = time.get(b + "|" + c);
                ListStatistics ac = alloc.get(b + "|" + c);
                if (tc == null) {
                    t.append(String.format(Locale.ROOT, "| %s | %s | failed | | | | | | |%n", b, c));
                    continue;
                }
                String added = "";
                String addedMedian = "";
                String ratio = "";
                String addedBytes = "";
                if (!c.equals(NONE) && t0 != null) {
                    double d = tc.getMean() - t0.getMean();
                    double e = Math.sqrt(sq(err(tc)) + sq(err(t0)));
                    added = String.format(Locale.ROOT, "%+.1f ± %.1f", d, e);
                    addedMedian = String.format(Locale.ROOT, "%+.1f", median(tc) - median(t0));
                    ratio = String.format(Locale.ROOT, "%.3f", tc.getMean() / t0.getMean());
                    if (ac != null && a0 != null) {
                        addedBytes = String.format(Locale.ROOT, "%+.1f", ac.getMean() - a0.getMean());
                    }
                }
                t.append(String.format(Locale.ROOT, "| %s | %s | %s ± %s | %s | %s | %s | %s | %s | %s |%n", b, c,
                        num(tc.getMean()), num(err(tc)), num(median(tc)), added, addedMedian, ratio,
                        ac == null ? "n/a" : String.format(Locale.ROOT, "%.1f", ac.getMean()), addedBytes));
            }
        }
        return t.toString();
    }

    /**
     * The targets side by side: what sinkwatch adds over no agent and over the do-nothing agent (its own
     * instrumentation and recording), next to what the OpenTelemetry agent adds over no agent.
     */
    static String summary(List<String> benchmarks, Map<String, ListStatistics> time,
                          Map<String, ListStatistics> alloc) {
        StringBuilder t = new StringBuilder();
        t.append("| benchmark | sinkwatch + ns vs none | sinkwatch + ns vs noop-agent | sinkwatch + B vs none "
                + "| sinkwatch + B vs noop-agent | otel + ns vs none | otel + B vs none |\n");
        t.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String b : benchmarks) {
            t.append("| ").append(b)
                    .append(" | ").append(diff(time, b, "sinkwatch", NONE, true))
                    .append(" | ").append(diff(time, b, "sinkwatch", "noop-agent", true))
                    .append(" | ").append(diff(alloc, b, "sinkwatch", NONE, false))
                    .append(" | ").append(diff(alloc, b, "sinkwatch", "noop-agent", false))
                    .append(" | ").append(diff(time, b, "otel", NONE, true))
                    .append(" | ").append(diff(alloc, b, "otel", NONE, false))
                    .append(" |\n");
        }
        return t.toString();
    }

    private static String diff(Map<String, ListStatistics> cells, String benchmark, String config, String base,
                               boolean withError) {
        ListStatistics a = cells.get(benchmark + "|" + config);
        ListStatistics b = cells.get(benchmark + "|" + base);
        if (a == null || b == null) {
            return "n/a";
        }
        double d = a.getMean() - b.getMean();
        return withError
                ? String.format(Locale.ROOT, "%+.1f ± %.1f", d, Math.sqrt(sq(err(a)) + sq(err(b))))
                : String.format(Locale.ROOT, "%+.1f", d);
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, x >= 100 ? "%.0f" : "%.1f", x);
    }

    private static double median(ListStatistics s) {
        return s.getPercentile(50);
    }

    private static double err(ListStatistics s) {
        return s.getN() > 1 ? s.getMeanErrorAt(0.999) : Double.NaN;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double secondary(IterationResult it, String label) {
        for (Map.Entry<String, Result> e : it.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(label)) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static String shortName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static void appendPart(Path log) throws IOException {
        Path part = Paths.get(log + ".part");
        if (Files.exists(part)) {
            Files.write(log, Files.readAllBytes(part), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Files.delete(part);
        }
    }

    private static Path jarDirectory() throws Exception {
        Path location = Paths.get(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return (Files.isDirectory(location) ? location : location.getParent()).toAbsolutePath().normalize();
    }

    private static Path findJar(String property, Path... candidates) {
        String explicit = System.getProperty(property);
        if (explicit != null) {
            Path p = Paths.get(explicit).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(property + "=" + explicit + ": no such file");
            }
            return p;
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("agent jar not found at " + Arrays.toString(candidates) + "; build it ("
                + "mvn -B -pl agent,bench -am package -DskipTests) or set -D" + property + "=<path>");
    }

    private static String environment(Path sinkwatchJar, Path otelJar, int rounds, int warmups, int iterations,
                                      int seconds, Map<String, List<String>> configs, List<String> chosen)
            throws IOException {
        StringBuilder e = new StringBuilder();
        e.append(String.format(Locale.ROOT, "java: %s %s (%s), %d CPUs, %s %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.home"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version")));
        e.append(String.format(Locale.ROOT, "sinkwatch agent: %s (%d bytes, built %s)%n", sinkwatchJar,
                Files.size(sinkwatchJar), Files.getLastModifiedTime(sinkwatchJar)));
        e.append(String.format(Locale.ROOT, "OpenTelemetry agent: %s (%s)%n", otelJar, otelVersion(otelJar)));
        e.append(String.format(Locale.ROOT, "JMH: %d fork(s) per cell (interleaved), %d x %ds warm-up, %d x %ds "
                + "measurement, 1 thread, -prof gc; common JVM args %s%n", rounds, warmups, seconds, iterations,
                seconds, COMMON_JVM_ARGS));
        for (String c : chosen) {
            e.append("  ").append(c).append(": ").append(configs.get(c)).append('\n');
        }
        return e.toString();
    }

    private static String otelVersion(Path jar) {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            String v = j.getManifest().getMainAttributes().getValue("Implementation-Version");
            return v == null ? "version unknown" : "version " + v;
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
