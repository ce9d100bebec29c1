package dev.sinkwatch.collector.alert;

import static dev.sinkwatch.collector.alert.TestSupport.await;
import static dev.sinkwatch.collector.alert.TestSupport.count;
import static dev.sinkwatch.collector.alert.TestSupport.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.alert.TestSupport.RecordingServer;
import dev.sinkwatch.collector.alert.TestSupport.Request;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.store.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real delivery to a real HTTP server (JDK HttpServer on port 0), through the outbox and its workers. */
class DeliveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T own(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private static AlertSettings.Builder fast() {
        return AlertSettings.builder()
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200))
                .pollInterval(Duration.ofMillis(50))
                .sweepInterval(Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(5))
                .publicUrl("https://sinkwatch.example");
    }

    @Test
    @DisplayName("webhook: the server answers 500 twice, the alert arrives on the third attempt, once")
    void webhookRetriesAfter500() throws Exception {
        RecordingServer server = own(RecordingServer.start(500, 500));
        Database db = own(Database.embedded(dataDir));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Alerts alerts = own(new Alerts(db, fast().receiver(ReceiverSettings.webhook("ops", server.url("/hook")))
                .build(), Clock.systemUTC(), registry).start());

        Alert alert = alerts.raise(finding(), TestSupport.aiAttribution());
        await(DEADLINE, "one 200 answered", () -> server.answered(200).size() == 1);
        await(DEADLINE, "delivery recorded as delivered", () -> count(db,
                "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'delivered'") == 1);

        assertEquals(3, server.requests.size(), "two failures, one success, no more");
        Request ok = server.answered(200).get(0);
        assertEquals("POST", ok.method());
        assertEquals("/hook", ok.path());
        assertEquals("application/json", ok.header("Content-Type"));
        assertEquals("firing", ok.header("X-Sinkwatch-Event"));
        assertEquals(alert.id(), ok.header("X-Sinkwatch-Alert"));
        JsonNode body = JSON.readTree(ok.body());
        assertEquals("1", body.get("version").asText());
        assertEquals("firing", body.get("event").asText());
        assertEquals("ops", body.get("receiver").asText());
        assertEquals(ok.header("X-Sinkwatch-Delivery"), body.get("deliveryId").asText());
        JsonNode firstTry = JSON.readTree(server.requests.get(0).body());
        assertEquals(firstTry.get("alert"), body.get("alert"), "every retry sends the same alert snapshot");
        assertEquals(firstTry.get("deliveryId"), body.get("deliveryId"), "and the same idempotency key");
        JsonNode sent = body.get("alert");
        assertEquals(alert.id(), sent.get("id").asText());
        assertEquals("critical", sent.get("severity").asText());
        assertEquals("checkout", sent.get("service").get("name").asText());
        assertEquals("claude-code", sent.get("attribution").get("tool").asText());
        assertEquals("https://sinkwatch.example/api/alerts/" + alert.id(), sent.get("links").get("alert").asText());
        assertEquals(1, sent.get("count").asLong());

        // The "ok" outcome is counted after the delivery's commit, which the row count above can overtake.
        await(DEADLINE, "ok delivery counted", () -> registry.find("sinkwatch.alerts.deliveries").tag("receiver", "ops")
                .tag("outcome", "ok").counter() != null && registry.get("sinkwatch.alerts.deliveries")
                .tag("receiver", "ops").tag("outcome", "ok").counter().count() == 1.0);
        assertEquals(2.0, registry.get("sinkwatch.alerts.deliveries").tag("receiver", "ops")
                .tag("outcome", "retried").counter().count());
        assertEquals(3, count(db, "SELECT attempts FROM sinkwatch_alert_delivery"));
    }

    @Test
    @DisplayName("webhook: repeats send nothing, resolve sends a resolved event after the firing one")
    void webhookResolvedAfterFiring() throws Exception {
        RecordingServer server = own(RecordingServer.start());
        Database db = own(Database.embedded(dataDir));
        Alerts alerts = own(new Alerts(db, fast().receiver(ReceiverSettings.webhook("ops", server.url("/hook")))
                .build(), Clock.systemUTC(), new SimpleMeterRegistry()).start());

        Alert alert = alerts.raise(finding());
        for (int i = 0; i < 50; i++) {
            alerts.raise(finding());
        }
        alerts.resolve(alert.id(), "approved into the baseline by alice");
        Request first = server.arrivals.poll(30, TimeUnit.SECONDS);
        Request second = server.arrivals.poll(30, TimeUnit.SECONDS);
        assertNotNull(first);
        assertNotNull(second);
        assertEquals("firing", JSON.readTree(first.body()).get("event").asText());
        JsonNode resolved = JSON.readTree(second.body());
        assertEquals("resolved", resolved.get("event").asText());
        assertEquals("resolved", resolved.get("alert").get("status").asText());
        assertEquals(51, resolved.get("alert").get("count").asLong());
        assertEquals("approved into the baseline by alice", resolved.get("alert").get("resolveReason").asText());
        await(DEADLINE, "both delivered", () -> count(db,
                "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'delivered'") == 2);
        assertEquals(2, server.requests.size());
    }

    @Test
    @DisplayName("a 400 is not retried: the delivery is given up and counted as failed")
    void rejectedIsNotRetried() {
        RecordingServer server = own(uncheck(() -> RecordingServer.start(400)));
        Database db = own(Database.embedded(dataDir));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Alerts alerts = own(new Alerts(db, fast().receiver(ReceiverSettings.webhook("ops", server.url("/hook")))
                .build(), Clock.systemUTC(), registry).start());
        alerts.raise(finding());
        await(DEADLINE, "delivery failed", () -> count(db,
                "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'failed'") == 1);
        assertEquals(1, server.requests.size());
        assertEquals(List.of("rejected: HTTP 400: scripted failure"),
                TestSupport.strings(db, "SELECT last_error FROM sinkwatch_alert_delivery"));
        // The outcome is counted right after its commit: wait for the counter rather than race it.
        await(DEADLINE, "failure counted", () -> {
            var counter = registry.find("sinkwatch.alerts.deliveries").tag("outcome", "failed").counter();
            return counter != null && counter.count() == 1.0;
        });
    }

    @Test
    @DisplayName("slack: Block Kit with a text fallback, severity, service, call site, evidence, attribution, links")
    void slackPayload() throws Exception {
        RecordingServer server = own(RecordingServer.start(503));
        Database db = own(Database.embedded(dataDir));
        Alerts alerts = own(new Alerts(db, fast()
                .receiver(ReceiverSettings.slack("slack", server.url("/services/T000/B000/XXXX")))
                .dashboardUrl("https://grafana.example/d/sw?var-service={service}")
                .build(), Clock.systemUTC(), new SimpleMeterRegistry()).start());

        Alert alert = alerts.raise(finding(), TestSupport.aiAttribution());
        await(DEADLINE, "slack got a 200", () -> server.answered(200).size() == 1);
        assertEquals(2, server.requests.size(), "one 503, then delivered");
        JsonNode payload = JSON.readTree(server.answered(200).get(0).body());
        String text = payload.get("text").asText();
        assertTrue(text.startsWith("[FIRING CRITICAL] checkout: New SQL shape"), text);
        JsonNode blocks = payload.get("blocks");
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("FIRING · critical · checkout · novelty.jdbc", blocks.get(0).get("text").get("text").asText());
        String all = blocks.toString();
        assertTrue(all.contains("com.acme.OrderRepository.find(OrderRepository.java:42)"), all);
        assertTrue(all.contains("SELECT * FROM orders WHERE id = ?"), "baseline evidence: " + all);
        assertTrue(all.contains("claude-code"), "attribution: " + all);
        assertTrue(all.contains("<https://sinkwatch.example/api/alerts/" + alert.id() + "|Alert "), all);
        assertTrue(all.contains("<https://grafana.example/d/sw?var-service=checkout|Dashboard>"), all);
        assertTrue(all.contains("OR ?=?"), "target: " + all);
        for (JsonNode block : blocks) {
            assertTrue(List.of("header", "section", "context").contains(block.get("type").asText()), block.toString());
        }
    }

    @Test
    @DisplayName("slack escapes &, < and > so a target cannot forge links or mentions")
    void slackEscapes() {
        assertEquals("a &lt;!channel&gt; &amp; b", SlackReceiver.escape("a <!channel> & b"));
    }

    @Test
    @DisplayName("outbox survives a restart: accepted while the receiver is down, delivered by the next instance")
    void outboxSurvivesRestart() throws Exception {
        RecordingServer probe = RecordingServer.start();
        int port = probe.port();
        probe.close(); // the receiver is down: connection refused on this port

        String url = "http://127.0.0.1:" + port + "/hook";
        AlertSettings settings = fast().receiver(ReceiverSettings.webhook("ops", url)).build();
        String alertId;
        try (Database db = Database.embedded(dataDir)) {
            Alerts first = new Alerts(db, settings, Clock.systemUTC(), new SimpleMeterRegistry()).start();
            alertId = first.raise(finding()).id();
            await(DEADLINE, "a failed attempt recorded", () -> count(db,
                    "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE attempts > 0 AND state = 'pending'") == 1);
            first.close();
            assertEquals(1, count(db, "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'pending'"));
        }

        RecordingServer server = own(new RecordingServer(port));
        Database db = own(Database.embedded(dataDir));
        own(new Alerts(db, settings, Clock.systemUTC(), new SimpleMeterRegistry()).start());
        Request request = server.arrivals.poll(30, TimeUnit.SECONDS);
        assertNotNull(request, "the alert accepted before the restart was delivered after it");
        assertEquals(alertId, JSON.readTree(request.body()).get("alert").get("id").asText());
        await(DEADLINE, "delivered", () -> count(db,
                "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'delivered'") == 1);
        assertEquals(1, server.requests.size());
    }

    @Test
    @DisplayName("log receiver: one readable line per event")
    void logLine() {
        Database db = own(Database.embedded(dataDir));
        Alerts alerts = own(new Alerts(db, fast().build(), Clock.systemUTC(), new SimpleMeterRegistry()));
        Alert alert = alerts.raise(finding(), TestSupport.aiAttribution());
        String line = LogReceiver.line(new Receiver.Delivery(1, "firing", alert, 1, alert.firstSeen()));
        assertTrue(line.startsWith("sinkwatch alert firing [critical] checkout 1.4.2 novelty.jdbc: New SQL shape"), line);
        assertTrue(line.contains("at com.acme.OrderRepository.find(OrderRepository.java:42)"), line);
        assertTrue(line.contains("written by AI (claude-code, claude-sonnet-4) in 0123456789ab"), line);
    }

    private interface IoSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T uncheck(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
