package dev.sinkwatch.agent.export;

import com.sun.net.httpserver.HttpServer;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.it.OtlpAttributes;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's record export against a real HTTP server decoding real OTLP: what a record becomes, when batches
 * leave, and that every record the collector did not take is counted as dropped.
 */
class OtlpSinkTest {
    private HttpServer server;
    private final Queue<ExportLogsServiceRequest> requests = new ConcurrentLinkedQueue<>();
    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final Queue<String> userAgents = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile long answerAfterMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/logs", exchange -> {
            requests.add(ExportLogsServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            userAgents.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            try {
                Thread.sleep(answerAfterMillis); // a collector some way off
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRecordBecomesOneInfoLogRecordWithTheEventAsItsBody() throws Exception {
        OtlpSink sink = sink();
        sink.status(new Record(1_700_000_000_123L)
                .put("event.name", "sinkwatch.agent.status")
                .put("sinkwatch.keys", 3L)
                .put("sinkwatch.target", "SELECT 1")
                .put("sinkwatch.blocked", true)
                .put("sinkwatch.callsite.frames", List.of("a.B.c(B.java:1)", "d.E.f(E.java:2)"))
                .put("sinkwatch.duration.buckets", new long[] {4, 1}));
        sink.flush();
        awaitRequests(1);
        sink.close();

        ExportLogsServiceRequest request = requests.peek();
        ResourceLogs resourceLogs = request.getResourceLogs(0);
        assertEquals("sink-test", OtlpAttributes.of(resourceLogs.getResource().getAttributesList()).get("service.name"));
        ScopeLogs scopeLogs = resourceLogs.getScopeLogs(0);
        assertEquals("dev.sinkwatch.agent", scopeLogs.getScope().getName());
        assertEquals("9.9.9", scopeLogs.getScope().getVersion());
        LogRecord record = scopeLogs.getLogRecords(0);
        assertEquals(1_700_000_000_123_000_000L, record.getTimeUnixNano());
        assertTrue(record.getObservedTimeUnixNano() >= record.getTimeUnixNano());
        assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, record.getSeverityNumber());
        assertEquals("sinkwatch.agent.status", record.getBody().getStringValue());
        assertTrue(record.getTraceId().isEmpty() && record.getSpanId().isEmpty(), "outside any span");
        Map<String, Object> attributes = OtlpAttributes.of(record.getAttributesList());
        assertEquals(3L, attributes.get("sinkwatch.keys"));
        assertEquals("SELECT 1", attributes.get("sinkwatch.target"));
        assertEquals(true, attributes.get("sinkwatch.blocked"));
        assertEquals(List.of("a.B.c(B.java:1)", "d.E.f(E.java:2)"), attributes.get("sinkwatch.callsite.frames"));
        assertEquals(List.of(4L, 1L), attributes.get("sinkwatch.duration.buckets"));
        assertEquals(List.of("Bearer t0ken"), List.copyOf(authorizations));
        assertEquals(List.of("sinkwatch-agent/9.9.9"), List.copyOf(userAgents));
        assertEquals(0, sink.dropped());
    }

    @Test
    void recordsGatherWhileABatchIsOnItsWaySoABurstGoesInAFewRequests() throws Exception {
        answerAfterMillis = 300;
        OtlpSink sink = sink();
        for (int i = 0; i < 100; i++) { // a burst of new keys at start-up: the export loop flushes after each
            sink.newKey(null, new Record(1_000L + i).put("event.name", "sinkwatch.sink.new").put("n", (long) i));
            sink.flush();
        }
        sink.close();
        awaitRecords(100);

        assertTrue(requests.size() <= 5, "requests for 100 records: " + requests.size());
        assertEquals(0, sink.dropped(), "none dropped: one request each would have overflowed the sender's queue");
    }

    @Test
    void aFullBatchLeavesAtOnceAndTheRestWhenTheSinkCloses() throws Exception {
        OtlpSink sink = sink();
        for (int i = 0; i <= OtlpSink.MAX_BATCH; i++) {
            sink.status(new Record(1_000L + i).put("event.name", "sinkwatch.agent.status").put("n", (long) i));
        }
        awaitRequests(1); // no flush: the full batch went by itself
        sink.close();

        List<Integer> sizes = requests.stream().map(OtlpSinkTest::recordCount).collect(Collectors.toList());
        assertEquals(List.of(OtlpSink.MAX_BATCH, 1), sizes, "one full batch, then the one record left at close");
        assertEquals(0, sink.dropped());
    }

    @Test
    void recordsTheCollectorRefusesAreCountedAsDropped() {
        status = 400;
        OtlpSink sink = sink();
        sink.status(new Record(1L).put("event.name", "sinkwatch.agent.status"));
        sink.status(new Record(2L).put("event.name", "sinkwatch.agent.status"));
        sink.close(); // sends what is left and waits for its outcome

        assertEquals(1, requests.size(), "a 400 is not retried");
        assertEquals(2, sink.dropped());
    }

    @Test
    void recordsForAnUnreachableCollectorAreCountedAsDroppedAndCloseDoesNotHang() throws Exception {
        server.stop(0);
        OtlpSink sink = sink();
        sink.status(new Record(1L).put("event.name", "sinkwatch.agent.status"));
        sink.flush();
        long started = System.nanoTime();
        sink.close();

        assertTrue(System.nanoTime() - started < 10_000_000_000L, "close does not hang");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (sink.dropped() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // a slow machine may end the retries just after close's wait
        }
        assertEquals(1, sink.dropped());
    }

    private OtlpSink sink() {
        AgentConfig config = AgentConfig.load("service.name=sink-test", new Properties(), Map.of());
        return new OtlpSink("http://127.0.0.1:" + server.getAddress().getPort(), "t0ken",
                ServiceIdentity.resolve(config), "9.9.9", 10_000, null, false, false);
    }

    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (requests.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(requests.size() >= count, "requests arrived: " + requests.size());
    }

    private void awaitRecords(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (requests.stream().mapToInt(OtlpSinkTest::recordCount).sum() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, requests.stream().mapToInt(OtlpSinkTest::recordCount).sum(), "records received");
    }

    private static int recordCount(ExportLogsServiceRequest request) {
        int n = 0;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                n += sl.getLogRecordsCount();
            }
        }
        return n;
    }
}
