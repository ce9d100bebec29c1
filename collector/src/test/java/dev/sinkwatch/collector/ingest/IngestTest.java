package dev.sinkwatch.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.UnknownFieldSet;
import dev.sinkwatch.collector.http.BearerAuthenticator;
import dev.sinkwatch.collector.http.HttpServers;
import dev.sinkwatch.collector.ingest.LogDecoder.AgentStatus;
import dev.sinkwatch.collector.metrics.ServiceLabels;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.pipeline.Pipeline;
import dev.sinkwatch.collector.testing.AgentRecords;
import dev.sinkwatch.collector.testing.Http;
import dev.sinkwatch.collector.testing.RecordingQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP ingest over real HTTP on port 0, fed by the OpenTelemetry SDK's own exporter and marshalers. */
class IngestTest {

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";
    static final long MAX_BODY = 256 * 1024;
    static final long MAX_DECOMPRESSED = 1024 * 1024;

    RecordingQueue queue;
    List<AgentStatus> statuses;
    SimpleMeterRegistry registry;
    HttpServers server;
    String base;

    @BeforeEach
    void start() throws Exception {
        queue = new RecordingQueue();
        statuses = new CopyOnWriteArrayList<>();
        registry = new SimpleMeterRegistry();
        server = startServer(queue, null);
        base = "http://127.0.0.1:" + server.port();
    }

    HttpServers startServer(ObservationQueue target, String token) throws Exception {
        IngestMetrics metrics = new IngestMetrics(registry, target);
        return HttpServers.start("test-otlp", "127.0.0.1", 0, 2,
                OtlpEndpoints.create(new IngestSettings(MAX_BODY, MAX_DECOMPRESSED, 3), metrics, target,
                        statuses::add),
                token == null ? null : new BearerAuthenticator(token, "test")).stopDelaySeconds(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static AgentRecords sample() {
        return new AgentRecords().newSql("9f2c4e1a7b3d5c60", "SELECT * FROM orders WHERE id = ?")
                .delta("9f2c4e1a7b3d5c60", "SELECT * FROM orders WHERE id = ?").status();
    }

    void assertSample(List<Observation> observations) {
        assertEquals(2, observations.size(), observations.toString());
        Observation first = observations.get(0);
        assertEquals("orders", first.service().name());
        assertEquals("1.4.2", first.service().version());
        assertEquals(AgentRecords.INSTANCE, first.instanceId());
        assertEquals("4f1c2a9", first.revision());
        assertEquals("9f2c4e1a7b3d5c60", first.key());
        assertEquals(SinkKind.JDBC, first.kind());
        assertEquals("query", first.operation());
        assertEquals("SELECT * FROM orders WHERE id = ?", first.target());
        assertTrue(first.firstSighting());
        assertFalse(first.error());
        assertEquals(0, first.count(), "a new record describes its call, the delta counts it");
        assertEquals(0, first.errors());
        assertEquals(0, first.durationSumNanos());
        assertEquals(1500, first.durationMaxNanos(), "the first call's latency");
        assertArrayEquals(new long[0], first.durationBuckets());
        assertEquals("com.acme.OrderRepository.find", first.callSite().function());
        assertEquals("OrderRepository.java", first.callSite().file());
        assertEquals(42, first.callSite().line());
        assertTrue(first.callSite().appOrigin());
        assertEquals(List.of("com.acme.OrderRepository.find(OrderRepository.java:42)",
                "com.acme.OrderService.place(OrderService.java:17)",
                "org.h2.jdbc.JdbcStatement.executeQuery(JdbcStatement.java:114)"), first.callSite().frames());
        assertEquals("h2", first.attributes().get("db.system.name"));
        assertEquals("http-nio-8080-exec-1", first.attributes().get("thread.name"));
        assertFalse(first.attributes().containsKey("sinkwatch.key"), "mapped attributes are not repeated");
        assertEquals(1_760_000_000_000L, first.startUnixMillis());

        Observation delta = observations.get(1);
        assertFalse(delta.firstSighting());
        assertEquals(10, delta.count());
        assertEquals(1, delta.errors());
        assertTrue(delta.error());
        assertEquals(250_000, delta.durationSumNanos());
        assertEquals(90_000, delta.durationMaxNanos());
        assertArrayEquals(new long[] {28, 7, 33, 3}, delta.durationBuckets());
        assertEquals(1_760_000_000_000L, delta.startUnixMillis());
        assertEquals(1_760_000_010_000L, delta.endUnixMillis());
        assertEquals(List.of(), delta.callSite().frames());

        assertEquals(1, statuses.size());
        assertEquals(new AgentStatus("orders", AgentRecords.INSTANCE, 12, 10_000, 0, 3, 40), statuses.get(0));
    }

    @Test
    @DisplayName("the SDK's OTLP/HTTP exporter (protobuf) is accepted and decoded exactly")
    void sdkProtobuf() {
        assertTrue(sample().export(base + "/v1/logs", "none"));
        assertSample(queue.observations());
        assertEquals(3.0, registry.get("sinkwatch.ingest.records").tags("signal", "logs", "result", "accepted")
                .counter().count());
    }

    @Test
    @DisplayName("the SDK's exporter with gzip compression is accepted and decoded exactly")
    void sdkGzip() {
        assertTrue(sample().export(base + "/v1/logs", "gzip"));
        assertSample(queue.observations());
    }

    @Test
    @DisplayName("OTLP JSON from the SDK's marshaler decodes to the same observations; the response is JSON")
    void sdkJson() throws Exception {
        HttpResponse<byte[]> response = Http.post(base + "/v1/logs", JSON, sample().json());
        assertEquals(200, response.statusCode());
        assertEquals(JSON, response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{}", new String(response.body(), StandardCharsets.UTF_8));
        assertSample(queue.observations());
    }

    @Test
    @DisplayName("OTLP JSON and protobuf of the same records parse to the same message, hex trace ids included")
    void jsonEqualsProtobuf() throws Exception {
        AgentRecords records = new AgentRecords();
        SpanContext span = SpanContext.create("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (var scope = Context.root().with(Span.wrap(span)).makeCurrent()) {
            records.newSql("0000000000000001", "SELECT ?").delta("0000000000000001", "SELECT ?");
        }
        byte[] json = records.json();
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("5b8efff798038103d269b633813fc60c"),
                "the SDK writes hex ids");
        ExportLogsServiceRequest.Builder fromJson = ExportLogsServiceRequest.newBuilder();
        OtlpJson.merge(json, fromJson);
        assertEquals(ExportLogsServiceRequest.parseFrom(records.protobuf()), fromJson.build());
        HttpResponse<byte[]> response = Http.post(base + "/v1/logs", JSON, json);
        assertEquals(200, response.statusCode());
    }

    @Test
    @DisplayName("invalid records are rejected by count with a reason, the valid ones are accepted (partial success)")
    void partialSuccess() throws Exception {
        AgentRecords records = new AgentRecords().newSql("00000000000000aa", "SELECT 1")
                .raw(Attributes.builder().put("event.name", "sinkwatch.sink.new")
                        .put("sinkwatch.sink.kind", "jdbc").build())
                .raw(Attributes.builder().put("event.name", "sinkwatch.sink.new").put("sinkwatch.key", "k")
                        .put("sinkwatch.sink.kind", "ftp").put("sinkwatch.sink.operation", "get")
                        .put("sinkwatch.target", "x").build())
                .delta("00000000000000bb", "SELECT 2", 3, 5)
                .raw(Attributes.builder().put("event.name", "app.log").put("message", "hello").build());
        for (String type : List.of(PROTOBUF, JSON)) {
            queue.clear();
            byte[] body = type.equals(JSON) ? records.json() : records.protobuf();
            HttpResponse<byte[]> response = Http.post(base + "/v1/logs", type, body);
            assertEquals(200, response.statusCode());
            ExportLogsServiceResponse.Builder parsed = ExportLogsServiceResponse.newBuilder();
            if (type.equals(JSON)) {
                OtlpJson.merge(response.body(), parsed);
            } else {
                parsed.mergeFrom(response.body());
            }
            assertEquals(3, parsed.getPartialSuccess().getRejectedLogRecords(), type);
            assertTrue(parsed.getPartialSuccess().getErrorMessage().contains("without sinkwatch.key"),
                    parsed.getPartialSuccess().getErrorMessage());
            assertEquals(1, queue.observations().size(), "the valid record is queued");
        }
        assertEquals(6.0, registry.get("sinkwatch.ingest.records").tags("signal", "logs", "result", "rejected")
                .counter().count());
        assertEquals(2.0, registry.get("sinkwatch.ingest.records").tags("signal", "logs", "result", "ignored")
                .counter().count());
    }

    @Test
    @DisplayName("malformed protobuf and JSON get 400 with a google.rpc.Status reason")
    void malformed() throws Exception {
        HttpResponse<byte[]> protobuf = Http.post(base + "/v1/logs", PROTOBUF, new byte[] {0x0a, 0x7f, 0x01});
        assertEquals(400, protobuf.statusCode());
        UnknownFieldSet status = UnknownFieldSet.parseFrom(protobuf.body());
        assertEquals(3L, status.getField(1).getVarintList().get(0));
        assertTrue(status.getField(2).getLengthDelimitedList().get(0).toStringUtf8().contains("malformed protobuf"));

        HttpResponse<byte[]> json = Http.post(base + "/v1/logs", JSON, "{\"resourceLogs\": [".getBytes());
        assertEquals(400, json.statusCode());
        String text = new String(json.body(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"code\":3,\"message\":\"malformed JSON"), text);

        HttpResponse<byte[]> badHex = Http.post(base + "/v1/logs", JSON, ("{\"resourceLogs\":[{\"scopeLogs\":[{"
                + "\"logRecords\":[{\"traceId\":\"not-hex\"}]}]}]}").getBytes());
        assertEquals(400, badHex.statusCode());
        assertEquals(3.0, registry.get("sinkwatch.ingest.decode.errors").tags("signal", "logs").counter().count());
        assertServes();
    }

    @Test
    @DisplayName("fuzzed protobuf bodies get 200 or 400, never an error or a hang, and the server keeps serving")
    void fuzzProtobuf() throws Exception {
        byte[] valid = sample().protobuf();
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] body = mutate(valid, random);
            HttpResponse<byte[]> response = Http.post(base + "/v1/logs", PROTOBUF, body);
            assertTrue(response.statusCode() == 200 || response.statusCode() == 400,
                    "case " + i + ": " + response.statusCode() + " " + new String(response.body()));
        }
        assertServes();
    }

    @Test
    @DisplayName("fuzzed JSON bodies get 200 or 400, and the server keeps serving")
    void fuzzJson() throws Exception {
        byte[] valid = sample().json();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] body = mutate(valid, random);
            HttpResponse<byte[]> response = Http.post(base + "/v1/logs", JSON, body);
            assertTrue(response.statusCode() == 200 || response.statusCode() == 400,
                    "case " + i + ": " + response.statusCode() + " " + new String(response.body()));
        }
        assertServes();
    }

    static byte[] mutate(byte[] valid, Random random) {
        byte[] body = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
            case 2 -> {
                body = new byte[random.nextInt(2048)];
                random.nextBytes(body);
            }
            case 3 -> {
                for (int bytes = 1 + random.nextInt(4); bytes > 0; bytes--) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                }
            }
            default -> {
                int at = random.nextInt(body.length);
                byte[] grown = new byte[body.length + 16];
                System.arraycopy(body, 0, grown, 0, at);
                for (int i = 0; i < 16; i++) {
                    grown[at + i] = (byte) random.nextInt(256);
                }
                System.arraycopy(body, at, grown, at + 16, body.length - at);
                body = grown;
            }
        }
        return body;
    }

    @Test
    @DisplayName("truncated and corrupt gzip get 400")
    void badGzip() throws Exception {
        byte[] gz = Http.gzip(sample().protobuf());
        HttpResponse<byte[]> truncated = Http.post(base + "/v1/logs", PROTOBUF,
                java.util.Arrays.copyOf(gz, gz.length / 2), "Content-Encoding", "gzip");
        assertEquals(400, truncated.statusCode());
        assertTrue(reason(truncated).contains("truncated gzip"), reason(truncated));
        HttpResponse<byte[]> notGzip = Http.post(base + "/v1/logs", PROTOBUF, sample().protobuf(),
                "Content-Encoding", "gzip");
        assertEquals(400, notGzip.statusCode());
        HttpResponse<byte[]> br = Http.post(base + "/v1/logs", PROTOBUF, gz, "Content-Encoding", "br");
        assertEquals(415, br.statusCode());
        assertServes();
    }

    @Test
    @DisplayName("a gzip bomb gets 413 once decompression passes the limit")
    void gzipBomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros); // 64 MiB of zeros, ~64 KiB compressed
            }
        }
        assertTrue(out.size() < MAX_BODY, "the bomb itself is within the body limit");
        HttpResponse<byte[]> response = Http.post(base + "/v1/logs", PROTOBUF, out.toByteArray(),
                "Content-Encoding", "gzip");
        assertEquals(413, response.statusCode());
        assertTrue(reason(response).contains("decompressed body exceeds"), reason(response));
        assertServes();
    }

    @Test
    @DisplayName("an oversized body gets 413, declared or streamed")
    void oversized() throws Exception {
        byte[] big = new byte[(int) MAX_BODY * 4];
        HttpResponse<byte[]> response = Http.post(base + "/v1/logs", PROTOBUF, big);
        assertEquals(413, response.statusCode());
        // without Content-Length (chunked): the limit is enforced while reading
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/logs"))
                .header("Content-Type", PROTOBUF)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big))).build();
        assertEquals(413, client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        assertServes();
    }

    @Test
    @DisplayName("a full queue answers 429 with Retry-After; a stopping one 503; nothing is queued")
    void overload() throws Exception {
        queue.answer = ObservationQueue.Offer.FULL;
        HttpResponse<byte[]> full = Http.post(base + "/v1/logs", PROTOBUF, sample().protobuf());
        assertEquals(429, full.statusCode());
        assertEquals("3", full.headers().firstValue("Retry-After").orElse(""));
        queue.answer = ObservationQueue.Offer.STOPPED;
        HttpResponse<byte[]> stopped = Http.post(base + "/v1/logs", PROTOBUF, sample().protobuf());
        assertEquals(503, stopped.statusCode());
        assertEquals("3", stopped.headers().firstValue("Retry-After").orElse(""));
        assertEquals(0, queue.observations().size());
        assertEquals(0, statuses.size(), "a refused request changes nothing");
        queue.answer = ObservationQueue.Offer.ACCEPTED;
        assertServes();
    }

    @Test
    @DisplayName("with the real pipeline stalled, requests beyond its capacity get 429 and are accepted later")
    void overloadRealPipeline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Observation> seen = new CopyOnWriteArrayList<>();
        Pipeline pipeline = new Pipeline(4, 1, observation -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(observation);
            return List.of();
        }, (cause, finding) -> { }, registry, new ServiceLabels(10)).start();
        try (HttpServers stalled = startServer(pipeline, null)) {
            String url = "http://127.0.0.1:" + stalled.port() + "/v1/logs";
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                codes.add(Http.post(url, PROTOBUF, sample().protobuf()).statusCode());
            }
            assertEquals(List.of(200, 200, 429, 429), codes, "2 observations a request, capacity 4");
            release.countDown();
            assertTrue(pipeline.awaitIdle(5000));
            assertEquals(200, Http.post(url, PROTOBUF, sample().protobuf()).statusCode());
            assertTrue(pipeline.awaitIdle(5000));
            assertEquals(6, seen.size());
        } finally {
            pipeline.close();
        }
    }

    @Test
    @DisplayName("wrong media type 415, wrong method 405, unknown path 404")
    void protocolErrors() throws Exception {
        assertEquals(415, Http.post(base + "/v1/logs", "text/plain", new byte[0]).statusCode());
        assertEquals(405, Http.get(base + "/v1/logs").statusCode());
        assertEquals(404, Http.post(base + "/v1/logsx", PROTOBUF, new byte[0]).statusCode());
        assertEquals(200, Http.post(base + "/v1/logs", PROTOBUF, new byte[0]).statusCode(), "empty request is valid");
    }

    @Test
    @DisplayName("with an ingest token, requests without it get 401 and the SDK exporter with it is accepted")
    void bearerToken() throws Exception {
        try (HttpServers secured = startServer(queue, "t0ken")) {
            String url = "http://127.0.0.1:" + secured.port() + "/v1/logs";
            assertEquals(401, Http.post(url, PROTOBUF, sample().protobuf()).statusCode());
            assertEquals(401, Http.post(url, PROTOBUF, sample().protobuf(), "Authorization", "Bearer wrong")
                    .statusCode());
            assertEquals(200, Http.post(url, PROTOBUF, sample().protobuf(), "Authorization", "Bearer t0ken")
                    .statusCode());
        }
    }

    @Test
    @DisplayName("/v1/metrics and /v1/traces accept protobuf and JSON and count what they received")
    void metricsAndTraces() throws Exception {
        ExportMetricsServiceRequest metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
                ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder()
                        .setName("sinkwatch.agent.keys").setGauge(Gauge.newBuilder()
                                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(12))
                                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(13)))))).build();
        assertEquals(200, Http.post(base + "/v1/metrics", PROTOBUF, metrics.toByteArray()).statusCode());
        assertEquals(200, Http.post(base + "/v1/metrics", JSON,
                com.google.protobuf.util.JsonFormat.printer().print(metrics).getBytes()).statusCode());
        ExportTraceServiceRequest traces = ExportTraceServiceRequest.newBuilder().addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(
                        io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("GET /")))).build();
        assertEquals(200, Http.post(base + "/v1/traces", PROTOBUF, traces.toByteArray()).statusCode());
        assertEquals(4.0, registry.get("sinkwatch.ingest.records").tags("signal", "metrics", "result", "accepted")
                .counter().count());
        assertEquals(1.0, registry.get("sinkwatch.ingest.records").tags("signal", "traces", "result", "accepted")
                .counter().count());
        assertEquals(400, Http.post(base + "/v1/metrics", PROTOBUF, new byte[] {0x0a, 0x7f}).statusCode());
    }

    @Test
    @DisplayName("typed values arriving as strings or doubles are read as numbers; attributes are stringified")
    void lenientNumbers() throws Exception {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(sample().protobuf());
        var builder = request.toBuilder();
        var record = builder.getResourceLogsBuilder(0).getScopeLogsBuilder(0).getLogRecordsBuilder(0);
        for (int i = 0; i < record.getAttributesCount(); i++) {
            if (record.getAttributes(i).getKey().equals("code.line.number")) {
                record.setAttributes(i, KeyValue.newBuilder().setKey("code.line.number")
                        .setValue(AnyValue.newBuilder().setStringValue("42")));
            }
        }
        record.addAttributes(KeyValue.newBuilder().setKey("sinkwatch.path.traversal")
                .setValue(AnyValue.newBuilder().setBoolValue(true)));
        LogDecoder.Result result = new LogDecoder().decode(builder.build());
        assertEquals(42, result.observations().get(0).callSite().line());
        assertEquals(Map.of("db.system.name", "h2", "db.query.text", "SELECT * FROM orders WHERE id = ?",
                        "thread.name", "http-nio-8080-exec-1", "sinkwatch.path.traversal", "true"),
                result.observations().get(0).attributes());
    }

    static String reason(HttpResponse<byte[]> response) throws Exception {
        return UnknownFieldSet.parseFrom(response.body()).getField(2).getLengthDelimitedList().get(0).toStringUtf8();
    }

    void assertServes() throws Exception {
        queue.clear();
        HttpResponse<byte[]> response = Http.post(base + "/v1/logs", PROTOBUF, sample().protobuf());
        assertEquals(200, response.statusCode());
        assertEquals(2, queue.observations().size());
    }
}
