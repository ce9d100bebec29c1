package dev.sinkwatch.agent.it;

import com.example.sinkapp.BehaviourApp;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OTLP path end to end: the agent posts OTLP protobuf (marshaled by the OpenTelemetry SDK) to a real HTTP
 * receiver, the records carry what docs/agent-output.md promises, and the agent's own export traffic is never
 * recorded.
 */
class OtlpExportIT {
    private HttpServer receiver;
    private final List<ExportLogsServiceRequest> logRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger metricRequests = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/logs", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            logRequests.add(ExportLogsServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        receiver.createContext("/v1/metrics", exchange -> {
            exchange.getRequestBody().readAllBytes();
            metricRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void recordsReachTheCollectorAndTheExportItselfIsNeverRecorded(Jdk jdk, @TempDir Path work) throws Exception {
        int port = receiver.getAddress().getPort();
        AppRun.of(jdk, BehaviourApp.class)
                .withAgent("exporter=otlp,endpoint=http://127.0.0.1:" + port
                        + ",export.interval=500ms,export.metrics=true,service.name=behaviour,service.version=1.2.3"
                        + ",token=s3cret")
                .args(work, 1, 2500)
                .run().assertSucceeded();

        List<Map<String, Object>> records = new ArrayList<>();
        for (ExportLogsServiceRequest request : logRequests) {
            for (ResourceLogs rl : request.getResourceLogsList()) {
                Map<String, Object> resource = OtlpAttributes.of(rl.getResource().getAttributesList());
                assertEquals("behaviour", resource.get("service.name"));
                assertEquals("1.2.3", resource.get("service.version"));
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    assertEquals("dev.sinkwatch.agent", sl.getScope().getName());
                    for (LogRecord r : sl.getLogRecordsList()) {
                        records.add(OtlpAttributes.of(r.getAttributesList()));
                    }
                }
            }
        }
        List<Map<String, Object>> newKeys = records.stream()
                .filter(r -> "sinkwatch.sink.new".equals(r.get("event.name"))).toList();
        List<Map<String, Object>> deltas = records.stream()
                .filter(r -> "sinkwatch.sink.delta".equals(r.get("event.name"))).toList();
        assertTrue(newKeys.stream().anyMatch(r -> "jdbc".equals(r.get("sinkwatch.sink.kind"))
                && "SELECT name FROM t ORDER BY id".equals(r.get("sinkwatch.target"))
                && "BehaviourApp.java".equals(r.get("code.file.path"))
                && r.get("code.line.number") instanceof Long
                && r.get("sinkwatch.key").toString().matches("[0-9a-f]{16}")), records::toString);
        assertTrue(deltas.stream().anyMatch(r -> (Long) r.get("sinkwatch.count") > 0
                && r.get("sinkwatch.duration.buckets") instanceof List), records::toString);
        assertTrue(records.stream().anyMatch(r -> "sinkwatch.agent.status".equals(r.get("event.name"))), records::toString);
        assertTrue(metricRequests.get() > 0, "agent metrics on /v1/metrics");
        assertEquals(List.of("Bearer s3cret"), authorizations.stream().distinct().toList(), "the token on every request");

        String ownEndpoint = "127.0.0.1:" + port;
        for (Map<String, Object> r : newKeys) {
            assertFalse(String.valueOf(r.get("sinkwatch.target")).contains(ownEndpoint), "own export recorded: " + r);
            assertFalse(String.valueOf(r.get("thread.name")).startsWith("sinkwatch"), "agent thread recorded: " + r);
            assertFalse(String.valueOf(r.get("thread.name")).contains("HttpClient"), "exporter thread recorded: " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void byDefaultOnlyRecordsAreSentNeverTheAgentsOwnMetrics(Jdk jdk, @TempDir Path work) throws Exception {
        AppRun.of(jdk, BehaviourApp.class)
                .withAgent("exporter=otlp,endpoint=http://127.0.0.1:" + receiver.getAddress().getPort()
                        + ",export.interval=500ms,service.name=behaviour")
                .args(work, 1, 1500)
                .run().assertSucceeded();

        assertFalse(logRequests.isEmpty(), "records on /v1/logs");
        assertEquals(0, metricRequests.get(), "requests on /v1/metrics without sinkwatch.export.metrics");
    }
}
