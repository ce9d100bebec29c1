package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sinkwatch.collector.testing.AgentRecords;
import io.opentelemetry.api.common.Attributes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the collector process while agents are sending, then a restart on the same data directory: baselines
 * and alerts are intact, and an alert accepted (raised, its delivery failing) before the crash is delivered after.
 */
class CrashSafetyIT {

    static final String SERVICE = "crashy";
    static final String SQL_KEY = "00000000c0ffee01";

    @TempDir
    Path work;

    static AgentRecords shellExec(String service) {
        return new AgentRecords(service, "1.0.0").newRecord("00000000c0ffee02", "process", "exec", "sh -c <script>",
                "com.acme.ReportJob.export", "ReportJob.java", 77,
                Attributes.builder().put("process.executable.name", "sh")
                        .put("process.command_line", "sh -c <script>").build());
    }

    @Test
    @DisplayName("after kill -9 and restart: profiles and alerts intact, the pending delivery is delivered")
    void killNineAndRestart() throws Exception {
        try (WebhookSink webhook = new WebhookSink()) {
            webhook.status = 500; // deliveries fail until after the crash
            List<String> args = List.of("--data-dir", work.resolve("data").toString(),
                    "--set", "detect.quiet-period=1s",
                    "--set", "alert.receivers=hook:webhook=" + webhook.url(),
                    "--set", "alert.initial-backoff=200ms", "--set", "alert.max-backoff=500ms",
                    "--set", "alert.poll-interval=200ms",
                    // a delivery claimed when the kill came stays leased until its lease ends: keep that short
                    "--set", "alert.request-timeout=1s", "--set", "alert.lease-duration=2s");

            String alertId;
            int targetsBefore;
            CollectorProcess first = CollectorProcess.start(args);
            try {
                Api api = first.api();
                // Learn one call site, let it go quiet, then a delta makes it stable.
                assertTrue(new AgentRecords(SERVICE, "1.0.0").newSql(SQL_KEY, "SELECT total FROM orders WHERE id = ?")
                        .export(first.otlpUrl(), "gzip"));
                Thread.sleep(1500);
                assertTrue(new AgentRecords(SERVICE, "1.0.0").delta(SQL_KEY, "SELECT total FROM orders WHERE id = ?")
                        .export(first.otlpUrl(), "none"));
                awaitStable(api);

                assertTrue(shellExec(SERVICE).export(first.otlpUrl(), "none"));
                JsonNode alert = api.awaitAlert(a -> a.get("detector").asText().equals("process.suspicious"), 5000);
                assertNotNull(alert, "shell exec raises an alert");
                alertId = alert.get("id").asText();
                Thread.sleep(1500); // baseline write-behind (detect.flush-interval 1 s)
                targetsBefore = awaitStable(api).get("targets").asInt();
                assertEquals(List.of(), webhook.accepted(), "nothing delivered yet: the webhook answers 500");

                // kill -9 while deltas keep arriving
                AtomicBoolean sending = new AtomicBoolean(true);
                AtomicInteger accepted = new AtomicInteger();
                Thread load = new Thread(() -> {
                    while (sending.get()) {
                        try {
                            if (new AgentRecords(SERVICE, "1.0.0").delta(SQL_KEY, "SELECT total FROM orders WHERE id = ?")
                                    .export(first.otlpUrl(), "none")) {
                                accepted.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                });
                load.start();
                Thread.sleep(500);
                first.kill9();
                sending.set(false);
                load.join(15_000);
                assertTrue(accepted.get() > 0, "the collector was ingesting when killed");
            } finally {
                first.kill9();
            }

            webhook.status = 200;
            try (CollectorProcess second = CollectorProcess.start(args)) {
                Api api = second.api();
                JsonNode alert = api.get("/api/alerts/" + alertId);
                assertEquals("process.suspicious", alert.get("detector").asText());
                assertEquals("firing", alert.get("status").asText());
                JsonNode service = awaitStable(api);
                assertEquals(targetsBefore, service.get("targets").asInt(), "baseline intact");

                long deadline = System.currentTimeMillis() + 15_000;
                while (webhook.accepted().stream().noneMatch(d -> d.path("alert").path("id").asText().equals(alertId))
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(webhook.accepted().stream().anyMatch(d -> d.path("alert").path("id").asText()
                        .equals(alertId)), "the alert raised before the crash is delivered after; got "
                        + webhook.accepted());

                // The learned baseline still judges: a new shape at the stable call site is novel.
                assertTrue(new AgentRecords(SERVICE, "1.0.0").newRecord("00000000c0ffee03", "jdbc", "query",
                        "SELECT name FROM customers", "com.acme.OrderRepository.find", "OrderRepository.java", 42,
                        Attributes.empty()).export(second.otlpUrl(), "none"));
                assertNotNull(api.awaitAlert(a -> a.get("detector").asText().equals("novelty.jdbc"), 5000),
                        "novelty at the restored stable profile; alerts: " + api.alerts());
            }
        }
    }

    static JsonNode awaitStable(Api api) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode service : api.get("/api/services").get("services")) {
                last = service;
                if (service.get("name").asText().equals(SERVICE)
                        && service.get("profilesByState").path("stable").asInt() > 0) {
                    return service;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no stable profile for " + SERVICE + ": " + last);
    }
}
