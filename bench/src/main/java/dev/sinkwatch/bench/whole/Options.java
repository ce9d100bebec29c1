package dev.sinkwatch.bench.whole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole-process benchmark's options: {@code --name value} or {@code --name=value}; an unknown option is an
 * error that lists the known ones. Paths default to the repository layout around {@code bench/target/benchmarks.jar}.
 */
final class Options {

    static final String USAGE = """
            options (defaults in brackets):
              --quick                   1 round, 5 s warm-up, 5 s measurement (1 slice), 5 s allocation: a smoke run
              --startup-only            start-up alone (time and CPU to the first served request, RSS): no load,
                                        so that many rounds fit in an hour (the start-up's spread needs them)
              --side-by-side            start-up alone, in pairs started at the same moment: none (first in
                                        --variants) beside each other variant in turn, one on --app-cpu and
                                        one on --load-cpu, sides swapped every round (an even --rounds); the
                                        machine's drift then falls on both of a pair alike; no load phases
              --rounds N                interleaved rounds [5]
              --warmup-seconds N        wrk warm-up of each variant before measuring; PetClinic is still
                                        compiling after 15 s [45]
              --measure-seconds N       measured wrk time per variant: throughput, latency, CPU, RSS after load [30]
              --slice-seconds N         the measured time comes in slices of N s, the variants' slices alternating
                                        (forward, backward, ...) so that the machine's drift falls on all alike [5]
              --alloc-seconds N         separate wrk phase under a JFR recording: allocated bytes [10]
              --connections N           wrk connections (1 wrk thread) [8]
              --apps LIST               petclinic,workload [petclinic,workload]
              --variants LIST           none,none-control,noop-transformer,sinkwatch,
                                        sinkwatch-app-packages,sinkwatch-baseline,otel [none,sinkwatch,otel];
                                        none-control is no agent too: beside none, it shows the method's own
                                        spread; noop-transformer is an agent whose retransform-capable
                                        transformer changes nothing: what the JVM charges any such agent
              --heap SIZE               -Xms and -Xmx of the apps [512m]
              --app-cpu N               CPU the app is pinned to [1]
              --load-cpu N              CPU of wrk, the collector, the OTLP and downstream servers, this process [0]
              --petclinic-jar FILE      Spring PetClinic's executable jar (bench/whole-process/run.sh builds it)
              --petclinic-path PATH     URL path under load [/owners/1]
              --sinkwatch-agent FILE    [agent/target/sinkwatch-agent.jar]
              --baseline-agent FILE     another sinkwatch build for the sinkwatch-baseline variant (before/after)
              --collector-jar FILE      [collector/target/sinkwatch-collector.jar]
              --otel-agent FILE         [bench/target/agents/opentelemetry-javaagent.jar]
              --java-home DIR           JDK that runs the apps (and its jcmd) [this JVM's]
              --startup-timeout-seconds N   [600]
              --out DIR                 results, CSV and logs [bench/target/whole-process]
            """;

    int rounds = 5;
    boolean startupOnly;
    boolean sideBySide;
    int warmupSeconds = 45;
    int measureSeconds = 30;
    int sliceSeconds = 5;
    int allocSeconds = 10;
    int connections = 8;
    List<String> apps = List.of("petclinic", "workload");
    List<String> variants = List.of("none", "sinkwatch", "otel");
    String heap = "512m";
    int appCpu = 1;
    int loadCpu = 0;
    Path petclinicJar;
    String petclinicPath = "/owners/1";
    Path sinkwatchAgent;
    Path baselineAgent;
    Path collectorJar;
    Path otelAgent;
    Path javaHome = Paths.get(System.getProperty("java.home"));
    int startupTimeoutSeconds = 600;
    Path out;
    Path benchJar;

    static Options parse(String[] args, Path benchJar) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick") || a.equals("--startup-only") || a.equals("--side-by-side") || a.equals("--help")) {
                given.put(a.substring(2), "true");
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a + "\n" + USAGE);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                given.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                given.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            }
        }
        Options o = new Options();
        o.benchJar = benchJar;
        Path repo = benchJar.getParent().getParent().getParent();  // <repo>/bench/target/benchmarks.jar
        if (given.remove("quick") != null) {
            o.rounds = 1;
            o.warmupSeconds = 5;
            o.measureSeconds = 5;
            o.sliceSeconds = 5;
            o.allocSeconds = 5;
        }
        o.sideBySide = given.remove("side-by-side") != null;
        o.startupOnly = given.remove("startup-only") != null || o.sideBySide;
        if (given.remove("help") != null) {
            System.out.print(USAGE);
            System.exit(0);
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "rounds": o.rounds = positive(e); break;
                case "warmup-seconds": o.warmupSeconds = Integer.parseInt(v); break;
                case "measure-seconds": o.measureSeconds = positive(e); break;
                case "slice-seconds": o.sliceSeconds = positive(e); break;
                case "alloc-seconds": o.allocSeconds = positive(e); break;
                case "connections": o.connections = positive(e); break;
                case "apps": o.apps = list(v, "petclinic", "workload"); break;
                case "variants": o.variants = list(v, Variants.KNOWN.toArray(new String[0])); break;
                case "heap": o.heap = v; break;
                case "app-cpu": o.appCpu = Integer.parseInt(v); break;
                case "load-cpu": o.loadCpu = Integer.parseInt(v); break;
                case "petclinic-jar": o.petclinicJar = Paths.get(v); break;
                case "petclinic-path": o.petclinicPath = v; break;
                case "sinkwatch-agent": o.sinkwatchAgent = Paths.get(v); break;
                case "baseline-agent": o.baselineAgent = Paths.get(v); break;
                case "collector-jar": o.collectorJar = Paths.get(v); break;
                case "otel-agent": o.otelAgent = Paths.get(v); break;
                case "java-home": o.javaHome = Paths.get(v); break;
                case "startup-timeout-seconds": o.startupTimeoutSeconds = positive(e); break;
                case "out": o.out = Paths.get(v); break;
                default: throw new IllegalArgumentException("unknown option --" + e.getKey() + "\n" + USAGE);
            }
        }
        if (o.sinkwatchAgent == null) {
            o.sinkwatchAgent = repo.resolve("agent/target/sinkwatch-agent.jar");
        }
        if (o.collectorJar == null) {
            o.collectorJar = repo.resolve("collector/target/sinkwatch-collector.jar");
        }
        if (o.otelAgent == null) {
            o.otelAgent = benchJar.getParent().resolve("agents/opentelemetry-javaagent.jar");
        }
        if (o.out == null) {
            o.out = benchJar.getParent().resolve("whole-process");
        }
        if (o.sliceSeconds > o.measureSeconds) {
            throw new IllegalArgumentException("--slice-seconds (" + o.sliceSeconds + ") exceeds --measure-seconds ("
                    + o.measureSeconds + ")");
        }
        if (o.sideBySide && (o.variants.size() < 2 || !o.variants.get(0).equals("none"))) {
            throw new IllegalArgumentException("--side-by-side needs none first and one variant or more after it "
                    + "(none is started beside each of them), was " + o.variants);
        }
        if (o.sideBySide && o.rounds % 2 != 0) {
            throw new IllegalArgumentException("--side-by-side needs an even --rounds (every variant as many rounds "
                    + "on either CPU), was " + o.rounds);
        }
        if (o.appCpu == o.loadCpu) {
            throw new IllegalArgumentException("--app-cpu and --load-cpu must differ (both " + o.appCpu + ")");
        }
        o.requireFiles();
        return o;
    }

    boolean usesSinkwatch() {
        return variants.stream().anyMatch(v -> v.startsWith("sinkwatch"));
    }

    private void requireFiles() {
        if (apps.contains("petclinic")) {
            require(petclinicJar, "--petclinic-jar (bench/whole-process/run.sh builds it)");
        }
        if (usesSinkwatch()) {
            require(sinkwatchAgent, "the sinkwatch agent (mvn -B -pl agent,collector,bench -am package -DskipTests)");
            require(collectorJar, "the sinkwatch collector (mvn -B -pl agent,collector,bench -am package -DskipTests)");
        }
        if (variants.contains("sinkwatch-baseline")) {
            require(baselineAgent, "--baseline-agent (the sinkwatch build the sinkwatch-baseline variant runs)");
        }
        if (variants.contains("otel")) {
            require(otelAgent, "the OpenTelemetry agent (mvn -B -pl bench package copies it)");
        }
        require(javaHome.resolve("bin/jcmd"), "jcmd of --java-home (a JDK, not a JRE)");
    }

    private static void require(Path file, String what) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing " + what + (file == null ? "" : ": no file " + file));
        }
    }

    private static int positive(Map.Entry<String, String> e) {
        int n = Integer.parseInt(e.getValue());
        if (n <= 0) {
            throw new IllegalArgumentException("--" + e.getKey() + " must be positive, was " + n);
        }
        return n;
    }

    private static List<String> list(String value, String... known) {
        List<String> items = Arrays.asList(value.split(","));
        for (String item : items) {
            if (!Arrays.asList(known).contains(item)) {
                throw new IllegalArgumentException("unknown " + item + "; known: " + String.join(",", known));
            }
        }
        return items;
    }
}
