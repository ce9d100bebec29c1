package dev.sinkwatch.collector.bench;

import dev.sinkwatch.collector.Collector;
import dev.sinkwatch.collector.config.CollectorConfig;
import dev.sinkwatch.collector.testing.AgentRecords;
import dev.sinkwatch.collector.testing.Http;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest throughput and detection latency of a whole in-process collector (embedded store, real HTTP on loopback,
 * real decode, real pipeline with whatever detection and alerting {@code Main} wires).
 *
 * <p>Workload: {@code --services} services × {@code --keys} keys each; every request carries {@code --batch}
 * {@code sinkwatch.sink.delta} records (the agent's SDK sends up to 512 a request), built once with the OpenTelemetry
 * SDK's marshaler, protobuf, gzip when {@code --gzip}. First every key is announced with a {@code sinkwatch.sink.new}
 * record (warm-up, not timed), then {@code --requests} delta requests are sent by {@code --clients} threads
 * (429 → retry after 1 ms). Throughput = delta records / (first send → pipeline idle). Detection latency = the
 * pipeline's own timer (batch accepted → last observation through detection and alerting), p50/p99.
 *
 * <p>Run (from the repository root, after {@code mvn -pl collector -am test-compile}):
 * <pre>
 * mvn -q -pl collector dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp collector/target/test-classes:collector/target/classes:$(cat collector/target/cp.txt) \
 *      dev.sinkwatch.collector.bench.IngestBenchmark --requests 2000 --batch 512 --clients 2
 * </pre>
 * Not a unit test: numbers go in docs/collector.md with the command that produced them.
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(Map.of("--requests", "2000", "--batch", "512",
                "--clients", "2", "--services", "4", "--keys", "2048", "--gzip", "false", "--rounds", "3",
                "--journal", "fsync"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int requests = Integer.parseInt(options.get("--requests"));
        int batch = Integer.parseInt(options.get("--batch"));
        int clients = Integer.parseInt(options.get("--clients"));
        int services = Integer.parseInt(options.get("--services"));
        int keys = Integer.parseInt(options.get("--keys"));
        boolean gzip = Boolean.parseBoolean(options.get("--gzip"));
        int rounds = Integer.parseInt(options.get("--rounds"));

        Path dataDir = Files.createTempDirectory("sinkwatch-bench");
        CollectorConfig config = CollectorConfig.defaults().with(Map.of("server.otlp-port", "0", "server.api-port",
                "0", "storage.data-dir", dataDir.toString(), "ingest.queue-capacity", "200000",
                "ingest.journal", options.get("--journal")));
        System.out.printf("workload: %d services x %d keys, %d records/request, %d requests/round, %d clients, gzip=%s,"
                + " journal=%s%n", services, keys, batch, requests, clients, gzip, options.get("--journal"));
        try (Collector collector = Collector.start(config)) {
            String url = "http://127.0.0.1:" + collector.otlpPort() + "/v1/logs";
            // Announce every key (first sightings), then build the delta bodies.
            List<byte[]> bodies = new ArrayList<>();
            for (int s = 0; s < services; s++) {
                AgentRecords announce = new AgentRecords("bench-" + s, "1.0.0");
                for (int k = 0; k < keys; k++) {
                    announce.newRecord(key(s, k), "jdbc", "query", sql(k), function(k), "OrderRepository.java",
                            line(k), io.opentelemetry.api.common.Attributes.empty());
                }
                Http.post(url, "application/x-protobuf", announce.protobuf());
            }
            collector.awaitIdle(60_000);
            int distinct = Math.min(64, Math.max(1, services * keys / batch));
            for (int b = 0; b < distinct; b++) {
                AgentRecords records = new AgentRecords("bench-" + (b % services), "1.0.0");
                for (int r = 0; r < batch; r++) {
                    int k = (b * batch + r) % keys;
                    records.delta(key(b % services, k), sql(k), 17, r % 50 == 0 ? 1 : 0, function(k), line(k));
                }
                bodies.add(gzip ? Http.gzip(records.protobuf()) : records.protobuf());
            }
            System.out.printf("request body: %d bytes (%d records)%n", bodies.get(0).length, batch);

            for (int round = 1; round <= rounds; round++) {
                long before = collector.pipeline().processed();
                AtomicInteger next = new AtomicInteger();
                AtomicLong retries = new AtomicLong();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long start = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    Thread thread = new Thread(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < requests) {
                            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                                    .header("Content-Type", "application/x-protobuf")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())));
                            if (gzip) {
                                request.header("Content-Encoding", "gzip");
                            }
                            try {
                                while (client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                                        .statusCode() == 429) {
                                    retries.incrementAndGet();
                                    Thread.sleep(1);
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }, "bench-client-" + c);
                    thread.start();
                    threads.add(thread);
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                long sent = System.nanoTime();
                collector.awaitIdle(600_000);
                long done = System.nanoTime();
                long records = collector.pipeline().processed() - before;
                double seconds = (done - start) / 1e9;
                System.out.printf("round %d: %,d key updates in %.2f s = %,.0f updates/s (all sent after %.2f s; "
                        + "429 retries %d)%n", round, records, seconds, records / seconds, (sent - start) / 1e9,
                        retries.get());
            }
            detectionLatency(collector, url);
            Timer latency = collector.metrics().registry().get("sinkwatch.pipeline.latency").timer();
            StringBuilder percentiles = new StringBuilder();
            for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
                percentiles.append(String.format(" p%.0f=%.2f ms", p.percentile() * 100,
                        p.value(java.util.concurrent.TimeUnit.MILLISECONDS)));
            }
            System.out.println("pipeline latency (batch accepted -> detected and alerted):" + percentiles);
        }
    }

    /**
     * Detection latency on an idle collector: one new-key record (a shell exec at a fresh call site) per request;
     * time from sending it to its alert being returned by the alert layer (polled every 0.2 ms in process).
     */
    private static void detectionLatency(Collector collector, String url) throws Exception {
        collector.awaitIdle(60_000);
        int samples = 200;
        long[] micros = new long[samples];
        for (int i = 0; i < samples; i++) {
            AgentRecords exec = new AgentRecords("latency", "1.0.0").newRecord(String.format("%016x", 0xfeed0000L + i),
                    "process", "exec", "sh -c <script>", "com.acme.Jobs.run" + i, "Jobs.java", 5,
                    io.opentelemetry.api.common.Attributes.builder().put("process.executable.name", "sh").build());
            byte[] body = exec.protobuf();
            long before = collector.pipeline().processed();
            long start = System.nanoTime();
            Http.post(url, "application/x-protobuf", body);
            while (collector.pipeline().processed() == before) {
                Thread.onSpinWait();
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("detection latency (POST of a new-key record -> finding raised as a persisted alert), "
                + "%d samples: p50=%.2f ms p99=%.2f ms max=%.2f ms%n", samples, micros[samples / 2] / 1000.0,
                micros[samples * 99 / 100] / 1000.0, micros[samples - 1] / 1000.0);
    }

    /** 64 call sites per service, each with its own handful of SQL shapes. */
    private static String function(int key) {
        return "com.acme.Repository" + (key % 64) + ".find";
    }

    private static long line(int key) {
        return 10 + key % 64;
    }

    private static String sql(int key) {
        return "SELECT c" + (key / 64) + " FROM t" + (key % 64) + " WHERE id = ?";
    }

    private static String key(int service, int key) {
        return String.format("%08x%08x", service, key);
    }
}
