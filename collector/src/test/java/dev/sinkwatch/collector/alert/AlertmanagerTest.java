package dev.sinkwatch.collector.alert;

import static dev.sinkwatch.collector.alert.TestSupport.await;
import static dev.sinkwatch.collector.alert.TestSupport.count;
import static dev.sinkwatch.collector.alert.TestSupport.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.alert.TestSupport.RecordingServer;
import dev.sinkwatch.collector.alert.TestSupport.Request;
import dev.sinkwatch.collector.store.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager, started by the test, routes a collector alert to a webhook receiver that points
 * at the test's HTTP server. The binary is {@code /usr/bin/prometheus-alertmanager} (Debian), else
 * {@code alertmanager} on the PATH; the system property {@code sinkwatch.it.alertmanager}, when set, is the only place
 * looked at. Missing binary: the
 * test fails when {@code CI=true}, else it is skipped with a message.
 */
class AlertmanagerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @DisplayName("Alertmanager receives the alert with its labels, re-sent while firing, and routes firing then resolved")
    void routesThroughRealAlertmanager() throws Exception {
        Path binary = alertmanagerBinary();
        try (RecordingServer webhook = RecordingServer.start()) {
            int amPort = freePort();
            Path config = tmp.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: test-webhook
                      group_by: ['sinkwatch_id']
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: test-webhook
                        webhook_configs:
                          - url: %s
                            send_resolved: true
                    """.formatted(webhook.url("/from-alertmanager")));
            Path storage = Files.createDirectories(tmp.resolve("am-data"));
            Path log = tmp.resolve("alertmanager.log");
            Process alertmanager = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.path=" + storage, "--web.listen-address=127.0.0.1:" + amPort,
                    "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (Database db = Database.embedded(tmp.resolve("db"))) {
                String amUrl = "http://127.0.0.1:" + amPort;
                awaitReady(alertmanager, amUrl, log);

                AlertSettings settings = AlertSettings.builder()
                        .receiver(ReceiverSettings.alertmanager("am", amUrl))
                        .resendInterval(Duration.ofSeconds(1))
                        .sweepInterval(Duration.ofMillis(100))
                        .pollInterval(Duration.ofMillis(50))
                        .initialBackoff(Duration.ofMillis(100))
                        .maxBackoff(Duration.ofSeconds(1))
                        .publicUrl("https://sinkwatch.example")
                        .build();
                try (Alerts alerts = new Alerts(db, settings, Clock.systemUTC(), new SimpleMeterRegistry()).start()) {
                    Alert alert = alerts.raise(finding(), TestSupport.aiAttribution());

                    Request firing = nextWith(webhook, "firing");
                    JsonNode notification = JSON.readTree(firing.body());
                    JsonNode routed = notification.get("alerts").get(0);
                    assertEquals("firing", routed.get("status").asText());
                    JsonNode labels = routed.get("labels");
                    assertEquals("sinkwatch_novelty_jdbc", labels.get("alertname").asText());
                    assertEquals("checkout", labels.get("service").asText());
                    assertEquals("critical", labels.get("severity").asText());
                    assertEquals("novelty.jdbc", labels.get("detector").asText());
                    assertEquals(alert.id(), labels.get("sinkwatch_id").asText());
                    JsonNode annotations = routed.get("annotations");
                    assertEquals(alert.summary(), annotations.get("summary").asText());
                    assertEquals("com.acme.OrderRepository.find(OrderRepository.java:42)",
                            annotations.get("call_site").asText());
                    assertTrue(annotations.get("description").asText().contains("Evidence: "),
                            annotations.toString());
                    assertEquals("https://sinkwatch.example/api/alerts/" + alert.id(),
                            routed.get("generatorURL").asText());
                    assertEquals(alert.activeSince(), Instant.parse(routed.get("startsAt").asText()));

                    await(DEADLINE, "a resend delivered while firing", () -> count(db,
                            "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE event = 'resend' "
                                    + "AND state = 'delivered'") >= 1);

                    assertTrue(alerts.resolve(alert.id(), "test over"));
                    Request resolved = nextWith(webhook, "resolved");
                    JsonNode resolvedAlert = JSON.readTree(resolved.body()).get("alerts").get(0);
                    assertEquals(alert.id(), resolvedAlert.get("labels").get("sinkwatch_id").asText());
                    assertEquals("resolved", resolvedAlert.get("status").asText());
                }
            } finally {
                alertmanager.destroy();
                if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                    alertmanager.destroyForcibly();
                }
            }
        }
    }

    /** The next notification Alertmanager sends whose group status is {@code status}. */
    private static Request nextWith(RecordingServer webhook, String status) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Request request = webhook.arrivals.poll(1, TimeUnit.SECONDS);
            if (request != null && status.equals(JSON.readTree(request.body()).get("status").asText())) {
                return request;
            }
        }
        fail("Alertmanager sent no '" + status + "' notification within " + DEADLINE + "; got "
                + webhook.requests.stream().map(Request::body).toList());
        return null;
    }

    private static void awaitReady(Process process, String url, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("alertmanager exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("alertmanager not ready within " + DEADLINE + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path alertmanagerBinary() {
        String configured = System.getProperty("sinkwatch.it.alertmanager");
        List<Path> candidates = new java.util.ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured)); // when set, the only candidate
        } else {
            candidates.add(Path.of("/usr/bin/prometheus-alertmanager"));
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "alertmanager"));
                    candidates.add(Path.of(dir, "prometheus-alertmanager"));
                }
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "Prometheus Alertmanager not found (looked for " + candidates.get(0)
                + ", alertmanager on PATH, -Dsinkwatch.it.alertmanager); install it: apt-get install -y "
                + "prometheus-alertmanager";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " — CI=true, so this is a failure, not a skip");
        }
        Assumptions.abort(message);
        return null;
    }
}
