package dev.sinkwatch.bench.collector;

import dev.sinkwatch.collector.Collector;
import dev.sinkwatch.collector.config.CollectorConfig;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest throughput of a whole in-process collector, in key updates per second, with each write-ahead journal mode
 * ({@code ingest.journal}: {@code fsync}, {@code os}, {@code off}): the cost of "acknowledged is durable".
 *
 * <p>Workload: 4 services × 2,048 keys (64 call sites each), announced once per trial with first-sighting records
 * (not measured). One operation is one key update; one invocation is one OTLP/HTTP request (protobuf, not gzipped)
 * of {@value #BATCH} {@code sinkwatch.sink.delta} records, POSTed over loopback by 2 client threads to
 * {@code /v1/logs} of a collector on the embedded store, decoded, journaled, queued and run through detection and
 * alerting by its pipeline. A 429 (queue full: detection behind) is retried after 1 ms inside the invocation, so the
 * steady state measures the slower of ingest and detection. Each trial ends by waiting for the pipeline to drain
 * (outside the measurement).
 *
 * <p>Command (from the repository root):
 * <pre>
 * mvn -B -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main CollectorIngestBenchmark
 * </pre>
 * Results and their reading: docs/performance.md, "Collector ingest".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(2)
public class CollectorIngestBenchmark {

    static final int BATCH = 512;
    private static final int SERVICES = 4;
    private static final int KEYS = 2048;

    @Param({"fsync", "os", "off"})
    public String journal;

    private Path dataDir;
    private Collector collector;
    private HttpClient client;
    private URI url;
    private final List<byte[]> bodies = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() throws Exception {
        dataDir = Files.createTempDirectory("sinkwatch-ingest-bench");
        collector = Collector.start(CollectorConfig.defaults().with(Map.of("server.otlp-port", "0",
                "server.api-port", "0", "storage.data-dir", dataDir.toString(), "ingest.journal", journal)));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        url = URI.create("http://127.0.0.1:" + collector.otlpPort() + "/v1/logs");
        for (int s = 0; s < SERVICES; s++) {
            List<LogRecord> announce = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                announce.add(record(s, k, true, 0));
            }
            send(request(s, announce));
        }
        collector.awaitIdle(120_000);
        for (int b = 0; b < 64; b++) {
            int service = b % SERVICES;
            List<LogRecord> deltas = new ArrayList<>();
            for (int r = 0; r < BATCH; r++) {
                deltas.add(record(service, (b * BATCH + r) % KEYS, false, r));
            }
            bodies.add(request(service, deltas));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int postDeltas() throws Exception {
        return send(bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size())));
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        collector.awaitIdle(600_000);
        collector.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private int send(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        while (true) {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 429) {
                if (status != 200) {
                    throw new IllegalStateException("ingest answered " + status);
                }
                return status;
            }
            Thread.sleep(1);
        }
    }

    /** The records as the agent's exporter sends them (docs/agent-output.md), built with the OTLP protobuf types. */
    private static byte[] request(int service, List<LogRecord> records) {
        Resource resource = Resource.newBuilder()
                .addAttributes(string("service.name", "bench-" + service))
                .addAttributes(string("service.version", "1.0.0"))
                .addAttributes(string("service.instance.id", "instance-" + service))
                .addAttributes(string("telemetry.distro.name", "sinkwatch")).build();
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().setResource(resource)
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(records))).build().toByteArray();
    }

    private static LogRecord record(int service, int key, boolean first, int r) {
        String function = "com.acme.Repository" + (key % 64) + ".find";
        LogRecord.Builder b = LogRecord.newBuilder()
                .setTimeUnixNano(1_760_000_000_000_000_000L)
                .addAttributes(string("event.name", first ? "sinkwatch.sink.new" : "sinkwatch.sink.delta"))
                .addAttributes(string("sinkwatch.key", String.format("%08x%08x", service, key)))
                .addAttributes(string("sinkwatch.sink.kind", "jdbc"))
                .addAttributes(string("sinkwatch.sink.operation", "query"))
                .addAttributes(string("sinkwatch.target", "SELECT c" + (key / 64) + " FROM t" + (key % 64)
                        + " WHERE id = ?"))
                .addAttributes(string("code.function.name", function))
                .addAttributes(string("code.file.path", "Repository.java"))
                .addAttributes(integer("code.line.number", 10 + key % 64));
        if (first) {
            b.addAttributes(string("sinkwatch.outcome", "ok"))
                    .addAttributes(integer("sinkwatch.duration_ns", 1500))
                    .addAttributes(KeyValue.newBuilder().setKey("sinkwatch.callsite.frames").setValue(AnyValue
                            .newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder()
                                    .setStringValue(function + "(Repository.java:" + (10 + key % 64) + ")")))))
                    .addAttributes(string("sinkwatch.callsite.origin", "app"));
        } else {
            b.addAttributes(integer("sinkwatch.interval.start_unix_ms", 1_760_000_000_000L))
                    .addAttributes(integer("sinkwatch.interval.end_unix_ms", 1_760_000_010_000L))
                    .addAttributes(integer("sinkwatch.count", 17))
                    .addAttributes(integer("sinkwatch.errors", r % 50 == 0 ? 1 : 0))
                    .addAttributes(integer("sinkwatch.duration.sum_ns", 250_000))
                    .addAttributes(integer("sinkwatch.duration.max_ns", 90_000))
                    .addAttributes(KeyValue.newBuilder().setKey("sinkwatch.duration.buckets").setValue(AnyValue
                            .newBuilder().setArrayValue(ArrayValue.newBuilder()
                                    .addValues(AnyValue.newBuilder().setIntValue(28))
                                    .addValues(AnyValue.newBuilder().setIntValue(7))
                                    .addValues(AnyValue.newBuilder().setIntValue(33))
                                    .addValues(AnyValue.newBuilder().setIntValue(3)))));
        }
        return b.build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
