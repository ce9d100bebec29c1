package dev.sinkwatch.collector.alert;

import static dev.sinkwatch.collector.alert.TestSupport.count;
import static dev.sinkwatch.collector.alert.TestSupport.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.alert.TestSupport.MutableClock;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.store.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dedup, lifecycle and the API, on a real embedded H2; the sweeper is driven by hand with a settable clock. */
class AlertsLifecycleTest {

    @TempDir
    Path dataDir;

    private Database db;
    private MutableClock clock;
    private SimpleMeterRegistry registry;
    private Alerts alerts;

    @BeforeEach
    void open() {
        db = Database.embedded(dataDir);
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        registry = new SimpleMeterRegistry();
        alerts = new Alerts(db, AlertSettings.builder()
                .receiver(ReceiverSettings.webhook("ops", "http://127.0.0.1:9/unused"))
                .receiver(ReceiverSettings.webhook("pager", "http://127.0.0.1:9/unused").withMinSeverity(Severity.CRITICAL))
                .resolveTimeout(Duration.ofMinutes(30))
                .publicUrl("https://sinkwatch.example/")
                .dashboardUrl("https://grafana.example/d/sinkwatch?var-service={service}")
                .codeUrlTemplate("https://git.example/acme/blob/{commit}/{file}#L{line}")
                .build(), clock, registry);
        // not started: the outbox fills but nothing is delivered, which is what these tests look at
    }

    @AfterEach
    void close() {
        alerts.close();
        db.close();
    }

    @Test
    @DisplayName("a thousand repeats of one finding are one alert with count 1000")
    void dedup() {
        Alert first = alerts.raise(finding(), TestSupport.aiAttribution());
        for (int i = 1; i < 1000; i++) {
            clock.advance(Duration.ofSeconds(1));
            alerts.raise(finding());
        }
        List<Alert> all = alerts.list(AlertQuery.all());
        assertEquals(1, all.size());
        Alert alert = all.get(0);
        assertEquals(first.id(), alert.id());
        assertEquals(1000, alert.count());
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), alert.firstSeen());
        assertEquals(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(999), alert.lastSeen());
        assertEquals("ai", alert.attribution().attributionClass(), "a repeat without attribution keeps the old one");
        assertEquals(1, count(db, "SELECT COUNT(*) FROM sinkwatch_alert"));
        // one firing event per receiver, not one per repeat
        assertEquals(2, count(db, "SELECT COUNT(*) FROM sinkwatch_alert_delivery"));
        assertEquals(1.0, registry.get("sinkwatch.alerts.raised").tag("outcome", "new").counter().count());
        assertEquals(999.0, registry.get("sinkwatch.alerts.raised").tag("outcome", "repeat").counter().count());
    }

    @Test
    @DisplayName("identity is service, detector, call site and target fingerprint — not the version")
    void identity() {
        Alert a = alerts.raise(finding("checkout", "novelty.jdbc", Severity.WARNING, "SELECT 1"));
        Alert otherTarget = alerts.raise(finding("checkout", "novelty.jdbc", Severity.WARNING, "SELECT 2"));
        Alert otherService = alerts.raise(finding("billing", "novelty.jdbc", Severity.WARNING, "SELECT 1"));
        Alert otherDetector = alerts.raise(finding("checkout", "sql.injection", Severity.WARNING, "SELECT 1"));
        assertEquals(4, List.of(a.id(), otherTarget.id(), otherService.id(), otherDetector.id()).stream()
                .distinct().count());
        assertTrue(a.id().matches("[0-9a-f]{32}"), a.id());
        assertEquals(a.id(), AlertIdentity.of("checkout", "novelty.jdbc", "com.acme.OrderRepository.find:42",
                "SELECT 1"), "stable: the same tuple hashes to the same id in every JVM");
    }

    @Test
    @DisplayName("firing → resolved after the inactivity timeout → reopened by a new occurrence")
    void resolveAfterInactivityAndReopen() {
        Alert raised = alerts.raise(finding());
        alerts.acknowledge(raised.id(), "alice");

        clock.advance(Duration.ofMinutes(29));
        assertEquals(0, alerts.resolveInactive());
        assertTrue(alerts.get(raised.id()).orElseThrow().firing());

        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, alerts.resolveInactive());
        Alert resolved = alerts.get(raised.id()).orElseThrow();
        assertEquals("resolved", resolved.status());
        assertEquals(clock.instant(), resolved.resolvedAt());
        assertEquals("inactive: no occurrence for PT30M", resolved.resolveReason());
        assertEquals(0, alerts.resolveInactive(), "resolving is done once");

        clock.advance(Duration.ofMinutes(5));
        Alert reopened = alerts.raise(finding());
        assertEquals(raised.id(), reopened.id());
        assertEquals("firing", reopened.status());
        assertEquals(1, reopened.reopenCount());
        assertEquals(2, reopened.count());
        assertEquals(raised.firstSeen(), reopened.firstSeen());
        assertEquals(clock.instant(), reopened.activeSince());
        assertFalse(reopened.acknowledged(), "a reopened alert needs a person again");
        assertNull(reopened.resolvedAt());

        List<String> events = TestSupport.strings(db, "SELECT event FROM sinkwatch_alert_delivery "
                + "WHERE receiver = 'ops' ORDER BY id");
        assertEquals(List.of("firing", "resolved", "reopened"), events);
    }

    @Test
    @DisplayName("an occurrence just before the sweep keeps the alert firing")
    void recentOccurrenceWins() {
        Alert raised = alerts.raise(finding());
        clock.advance(Duration.ofMinutes(31));
        alerts.raise(finding());
        assertEquals(0, alerts.resolveInactive());
        assertTrue(alerts.get(raised.id()).orElseThrow().firing());
    }

    @Test
    @DisplayName("acknowledge and resolve by API, with unknown ids answered false")
    void acknowledgeAndResolve() {
        Alert raised = alerts.raise(finding());
        clock.advance(Duration.ofSeconds(3));
        assertTrue(alerts.acknowledge(raised.id(), "alice"));
        Alert acked = alerts.get(raised.id()).orElseThrow();
        assertTrue(acked.acknowledged());
        assertEquals("alice", acked.acknowledgedBy());
        assertEquals(clock.instant(), acked.acknowledgedAt());
        assertEquals("firing", acked.status(), "ack does not resolve");

        assertTrue(alerts.resolve(raised.id(), "approved into the baseline by alice"));
        assertFalse(alerts.resolve(raised.id(), "again"), "already resolved");
        assertEquals("approved into the baseline by alice", alerts.get(raised.id()).orElseThrow().resolveReason());

        assertFalse(alerts.acknowledge("0000", "bob"));
        assertFalse(alerts.resolve("0000", "x"));
        assertTrue(alerts.get("0000").isEmpty());
    }

    @Test
    @DisplayName("severity rising while firing is kept and notified as escalated; receivers get what they asked for")
    void escalationAndMinSeverity() {
        Alert warning = alerts.raise(finding("checkout", "novelty.jdbc", Severity.WARNING, "SELECT 1"));
        assertEquals(0, count(db, "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE receiver = 'pager'"),
                "pager only takes critical");
        Alert critical = alerts.raise(finding("checkout", "novelty.jdbc", Severity.CRITICAL, "SELECT 1"));
        assertEquals("critical", critical.severity());
        alerts.raise(finding("checkout", "novelty.jdbc", Severity.INFO, "SELECT 1"));
        assertEquals("critical", alerts.get(warning.id()).orElseThrow().severity(), "severity never drops while firing");
        assertEquals(List.of("escalated"), TestSupport.strings(db,
                "SELECT event FROM sinkwatch_alert_delivery WHERE receiver = 'pager'"));
        assertEquals(List.of("firing", "escalated"), TestSupport.strings(db,
                "SELECT event FROM sinkwatch_alert_delivery WHERE receiver = 'ops' ORDER BY id"));
    }

    @Test
    @DisplayName("list filters by service, status and severity, newest first, with a limit")
    void listFilters() {
        Alert a = alerts.raise(finding("checkout", "novelty.jdbc", Severity.CRITICAL, "SELECT 1"));
        clock.advance(Duration.ofSeconds(1));
        Alert b = alerts.raise(finding("checkout", "novelty.jdbc", Severity.WARNING, "SELECT 2"));
        clock.advance(Duration.ofSeconds(1));
        Alert c = alerts.raise(finding("billing", "novelty.jdbc", Severity.WARNING, "SELECT 3"));
        alerts.resolve(c.id(), "test");

        assertEquals(List.of(c.id(), b.id(), a.id()), ids(alerts.list(AlertQuery.all())));
        assertEquals(List.of(b.id(), a.id()), ids(alerts.list(new AlertQuery("checkout", null, null, 0))));
        assertEquals(List.of(b.id(), a.id()), ids(alerts.list(AlertQuery.parse(null, "firing", null, 10))));
        assertEquals(List.of(c.id(), b.id()), ids(alerts.list(AlertQuery.parse(null, null, "warning", 10))));
        assertEquals(List.of(c.id()), ids(alerts.list(AlertQuery.parse("billing", "resolved", "WARNING", 10))));
        assertEquals(List.of(c.id()), ids(alerts.list(new AlertQuery(null, null, null, 1))));
        assertThrows(IllegalArgumentException.class, () -> AlertQuery.parse(null, "open", null, 10));
        assertThrows(IllegalArgumentException.class, () -> AlertQuery.parse(null, null, "major", 10));
    }

    @Test
    @DisplayName("the alert is the API's JSON: links, ISO times, attribution; it reads back equal")
    void json() throws Exception {
        Alert alert = alerts.raise(finding(), TestSupport.aiAttribution());
        ObjectMapper plain = new ObjectMapper(); // no JSR-310 module: the alert must not need it
        String json = plain.writeValueAsString(alert);
        JsonNode node = plain.readTree(json);
        assertEquals(alert.id(), node.get("id").asText());
        assertEquals("firing", node.get("status").asText());
        assertEquals("critical", node.get("severity").asText());
        assertEquals("2026-11-25T10:00:00Z", node.get("firstSeen").asText());
        assertEquals("checkout", node.get("service").get("name").asText());
        assertEquals("1.4.2", node.get("service").get("version").asText());
        assertEquals("jdbc", node.get("kind").asText());
        assertEquals("com.acme.OrderRepository.find", node.get("callSite").get("function").asText());
        assertEquals(2, node.get("callSite").get("frames").size());
        assertEquals("SELECT * FROM orders WHERE id = ?", node.get("evidence").get("baseline").asText());
        assertEquals("claude-code", node.get("attribution").get("tool").asText());
        assertEquals("https://sinkwatch.example/api/alerts/" + alert.id(), node.get("links").get("alert").asText());
        assertEquals("src/main/java/com/acme/OrderRepository.java:42", node.get("links").get("code").asText());
        assertEquals("https://git.example/acme/blob/0123456789abcdef0123/src/main/java/com/acme/OrderRepository.java#L42",
                node.get("links").get("codeUrl").asText());
        assertEquals("https://grafana.example/d/sinkwatch?var-service=checkout",
                node.get("links").get("dashboard").asText());
        assertEquals(alert, plain.readValue(json, Alert.class));
        assertEquals(alert, new ObjectMapper().findAndRegisterModules().readValue(
                new ObjectMapper().findAndRegisterModules().writeValueAsString(alert), Alert.class));
    }

    @Test
    @DisplayName("persisted before delivered: raise returns with the alert and its outbox rows committed")
    void persistedBeforeDelivered() {
        Alert alert = alerts.raise(finding());
        assertEquals(1, count(db, "SELECT COUNT(*) FROM sinkwatch_alert WHERE id = ?", alert.id()));
        assertEquals(2, count(db, "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE alert_id = ? "
                + "AND state = 'pending' AND event = 'firing'", alert.id()));
        alerts.sweep();
        assertEquals(2.0, registry.get("sinkwatch.alerts.outbox.backlog").gauge().value());
        assertEquals(1.0, registry.get("sinkwatch.alerts.active").tag("severity", "critical").gauge().value());
    }

    @Test
    @DisplayName("done deliveries are pruned after the retention, pending ones never")
    void pruneDoneDeliveries() {
        Alerts logging = new Alerts(db, AlertSettings.builder().receiver(ReceiverSettings.log("log"))
                .receiver(ReceiverSettings.webhook("down", "http://127.0.0.1:9/unused"))
                .deliveryRetention(Duration.ofDays(7)).build(), clock, registry);
        logging.raise(finding());
        assertEquals(1, logging.deliverDue(List.of("log")));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'delivered'"));
        clock.advance(Duration.ofDays(6));
        logging.sweep();
        assertEquals(1, count(db, "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'delivered'"));
        clock.advance(Duration.ofDays(2));
        logging.sweep();
        assertEquals(0, count(db, "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'delivered'"));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'pending' "
                + "AND receiver = 'down' AND event = 'firing'"), "the undelivered one stays, however old");
    }

    @Test
    @DisplayName("backoff doubles from the initial wait up to the cap")
    void backoff() {
        Alerts custom = new Alerts(db, AlertSettings.builder().initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(1)).build(), clock, registry);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L),
                List.of(1, 2, 3, 4, 5, 60).stream().map(custom::backoffMillis).toList());
    }

    @Test
    @DisplayName("settings reject what cannot work and parse receiver specs")
    void settings() {
        assertThrows(IllegalArgumentException.class, () -> AlertSettings.builder()
                .receiver(ReceiverSettings.log("x")).receiver(ReceiverSettings.log("x")).build());
        assertThrows(IllegalArgumentException.class, () -> AlertSettings.builder()
                .requestTimeout(Duration.ofSeconds(60)).leaseDuration(Duration.ofSeconds(30)).build());
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("slack"), "slack needs a URL");
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("pagerduty=http://x"));
        ReceiverSettings slack = ReceiverSettings.parse("team-a:slack@warning=https://hooks.slack.com/services/T/B/x");
        assertEquals("team-a", slack.name());
        assertEquals(ReceiverSettings.Type.SLACK, slack.type());
        assertEquals(Severity.WARNING, slack.minSeverity());
        assertTrue(slack.accepts(Severity.CRITICAL) && slack.accepts(Severity.WARNING) && !slack.accepts(Severity.INFO));
        assertEquals("alertmanager", ReceiverSettings.parse("alertmanager=http://am:9093").name());
        String shown = slack.withHeaders(java.util.Map.of("Authorization", "Bearer s3cret")).toString();
        assertTrue(shown.contains("https://hooks.slack.com/") && !shown.contains("T/B/x") && !shown.contains("s3cret"),
                "secrets redacted: " + shown);
        assertEquals(ReceiverSettings.Type.LOG, ReceiverSettings.parse("log").type());
        AlertSettings defaults = AlertSettings.defaults();
        assertEquals(Duration.ofMinutes(30), defaults.resolveTimeout());
        assertEquals("http://localhost:4319", defaults.publicUrl());
        assertNotEquals(0, defaults.maxAttempts());
    }

    private static List<String> ids(List<Alert> list) {
        return list.stream().map(Alert::id).toList();
    }
}
