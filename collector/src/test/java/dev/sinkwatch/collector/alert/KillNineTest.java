package dev.sinkwatch.collector.alert;

import static dev.sinkwatch.collector.alert.TestSupport.await;
import static dev.sinkwatch.collector.alert.TestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.alert.TestSupport.RecordingServer;
import dev.sinkwatch.collector.alert.TestSupport.Request;
import dev.sinkwatch.collector.store.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert accepted by a collector that is then killed with SIGKILL is delivered by the next one. */
class KillNineTest {

    @TempDir
    Path dataDir;

    static AlertSettings settings(String receiverUrl) {
        return AlertSettings.builder()
                .receiver(ReceiverSettings.webhook("ops", receiverUrl))
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200))
                .pollInterval(Duration.ofMillis(50))
                .requestTimeout(Duration.ofSeconds(1))
                .leaseDuration(Duration.ofSeconds(2)) // a lease held at the kill expires quickly
                .build();
    }

    @Test
    @DisplayName("kill -9 after raise returned: the restarted collector delivers the alert")
    void deliveredAfterKillNine() throws Exception {
        RecordingServer probe = RecordingServer.start();
        int port = probe.port();
        probe.close(); // receiver down while the first collector lives
        String url = "http://127.0.0.1:" + port + "/hook";

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingCollector.class.getName(), dataDir.toString(), url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String alertId;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "child collector exited before accepting the alert");
            assertTrue(line.startsWith("ACCEPTED "), line);
            alertId = line.substring("ACCEPTED ".length());
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        try (RecordingServer server = new RecordingServer(port);
             Database db = Database.embedded(dataDir);
             Alerts alerts = new Alerts(db, settings(url), Clock.systemUTC(), new SimpleMeterRegistry()).start()) {
            assertTrue(alerts.get(alertId).isPresent(), "the alert survived the kill");
            Request request = server.arrivals.poll(30, TimeUnit.SECONDS);
            assertNotNull(request, "the alert accepted before kill -9 was delivered after restart");
            assertEquals(alertId, new ObjectMapper().readTree(request.body()).get("alert").get("id").asText());
            await(Duration.ofSeconds(30), "recorded as delivered", () -> count(db,
                    "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'delivered'") == 1);
        }
    }
}
