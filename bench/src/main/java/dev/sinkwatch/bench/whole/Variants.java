package dev.sinkwatch.bench.whole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two applications measured and the agent variants attached to them, as command lines. Every variant of an app
 * gets the same JVM, heap and CPU; only the agent arguments differ.
 */
final class Variants {

    static final List<String> KNOWN = List.of("none", "none-control", "noop-transformer", "sinkwatch",
            "sinkwatch-app-packages", "sinkwatch-baseline", "otel");

    /** An application: how to start it on a port, which path tells it is up, which path is put under load. */
    record App(String name, String readyPath, String loadPath, String appPackages) {
    }

    static final String WORKLOAD_MAIN = "dev.sinkwatch.bench.workload.WorkloadService";

    private Variants() {
    }

    static App app(String name, Options o) {
        if (name.equals("petclinic")) {
            return new App("petclinic", "/", o.petclinicPath, "org.springframework.samples.petclinic");
        }
        return new App("workload", "/work", "/work", "dev.sinkwatch.bench.workload");
    }

    /** Where the benchmark writes the {@code noop-transformer} variant's agent ({@link NoopTransformerAgent}). */
    static Path noopTransformerAgent(Options o) {
        return o.out.resolve("agents").resolve(NoopTransformerAgent.JAR_NAME);
    }

    /** The app's own arguments after the JVM options. */
    static List<String> appArguments(App app, Options o, int port, String downstreamUrl, Path dataDir) {
        if (app.name().equals("petclinic")) {
            return List.of("-jar", o.petclinicJar.toAbsolutePath().toString(), "--server.port=" + port);
        }
        return List.of("-cp", o.benchJar.toString(), WORKLOAD_MAIN, "--port", Integer.toString(port),
                "--downstream", downstreamUrl, "--data-dir", dataDir.toString());
    }

    /**
     * The agent's JVM arguments. sinkwatch exports to the live collector with its defaults otherwise (the
     * {@code -app-packages} variant names the app's package, as a user following the docs would; {@code -baseline} is
     * the same as {@code sinkwatch} with another build, for a before/after in one run); the OpenTelemetry
     * agent exports traces, metrics and logs over OTLP/HTTP to the discarding endpoint, its defaults otherwise;
     * {@code noop-transformer} is {@link NoopTransformerAgent}, which the benchmark writes before its first round.
     */
    static List<String> agentArguments(String variant, App app, Options o, int collectorPort, int otlpPort) {
        List<String> args = new ArrayList<>();
        String sinkwatch = "-javaagent:" + o.sinkwatchAgent.toAbsolutePath() + "=service.name=" + app.name()
                + ",endpoint=http://127.0.0.1:" + collectorPort;
        switch (variant) {
            case "none":
            case "none-control": // no agent either: beside none, the measuring method's own spread
                break;
            case "noop-transformer": // the JVM's cost of any bytecode agent: the floor under the agents
                args.add("-javaagent:" + noopTransformerAgent(o).toAbsolutePath());
                break;
            case "sinkwatch":
                args.add(sinkwatch);
                break;
            case "sinkwatch-baseline":
                args.add("-javaagent:" + o.baselineAgent.toAbsolutePath() + "=service.name=" + app.name()
                        + ",endpoint=http://127.0.0.1:" + collectorPort);
                break;
            case "sinkwatch-app-packages":
                args.add(sinkwatch + ",app.packages=" + app.appPackages());
                break;
            case "otel":
                args.add("-javaagent:" + o.otelAgent.toAbsolutePath());
                args.add("-Dotel.service.name=" + app.name());
                args.add("-Dotel.exporter.otlp.protocol=http/protobuf");
                args.add("-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + otlpPort);
                break;
            default:
                throw new IllegalArgumentException("unknown variant " + variant + "; known: " + KNOWN);
        }
        return args;
    }
}
