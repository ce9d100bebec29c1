package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sinkwatch.collector.Collector;
import dev.sinkwatch.collector.config.CollectorConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collectors on one PostgreSQL database (the scale-out setup) receive the same anomaly at the same moment:
 * there is one alert, counted twice, and one delivery.
 *
 * <p>Needs PostgreSQL on 127.0.0.1:5432 with trust authentication (as {@code ./run test} ensures); under CI=true
 * its absence fails the test, elsewhere it is skipped.
 */
class SharedPostgresIT {

    static final String ADMIN_URL = System.getProperty("sinkwatch.it.postgresAdminUrl",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    @TempDir
    Path work;

    @Test
    @DisplayName("two collectors on one PostgreSQL: one anomaly sent to both gives one alert and one delivery")
    void oneAlertForOneAnomaly() throws Exception {
        String database = "sinkwatch_it_" + Long.toHexString(System.nanoTime());
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        try (WebhookSink webhook = new WebhookSink()) {
            Map<String, String> shared = Map.of("storage.kind", "postgresql",
                    "storage.postgres.url", "jdbc:postgresql://127.0.0.1:5432/" + database,
                    "storage.postgres.user", "postgres", "server.otlp-port", "0", "server.api-port", "0",
                    "alert.receivers", "hook:webhook=" + webhook.url(), "alert.poll-interval", "200ms");
            CollectorConfig one = CollectorConfig.defaults().with(shared)
                    .with(Map.of("storage.data-dir", work.resolve("one").toString()));
            CollectorConfig two = CollectorConfig.defaults().with(shared)
                    .with(Map.of("storage.data-dir", work.resolve("two").toString()));
            try (Collector a = Collector.start(one); Collector b = Collector.start(two)) {
                String urlA = "http://127.0.0.1:" + a.otlpPort() + "/v1/logs";
                String urlB = "http://127.0.0.1:" + b.otlpPort() + "/v1/logs";
                CompletableFuture<Boolean> sentA = CompletableFuture.supplyAsync(
                        () -> CrashSafetyIT.shellExec("shared").export(urlA, "none"));
                CompletableFuture<Boolean> sentB = CompletableFuture.supplyAsync(
                        () -> CrashSafetyIT.shellExec("shared").export(urlB, "none"));
                assertTrue(sentA.get() && sentB.get());
                assertTrue(a.awaitIdle(5000) && b.awaitIdle(5000));

                Api apiA = new Api(a.apiPort());
                Api apiB = new Api(b.apiPort());
                JsonNode alert = apiA.awaitAlert(x -> x.get("detector").asText().equals("process.suspicious"), 5000);
                assertNotNull(alert);
                long deadline = System.currentTimeMillis() + 5000;
                while (apiA.get("/api/alerts/" + alert.get("id").asText()).get("count").asLong() < 2
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                List<JsonNode> seenByA = apiA.alerts();
                List<JsonNode> seenByB = apiB.alerts();
                assertEquals(1, seenByA.size(), "one alert: " + seenByA);
                assertEquals(1, seenByB.size(), "the same one alert on the other collector: " + seenByB);
                assertEquals(seenByA.get(0).get("id"), seenByB.get(0).get("id"));
                assertEquals(2, seenByA.get(0).get("count").asLong(), "both occurrences counted");

                deadline = System.currentTimeMillis() + 10_000;
                while (webhook.accepted().isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(2000); // a duplicate would arrive within a few poll intervals
                assertEquals(1, webhook.accepted().size(), "one delivery: " + webhook.accepted());
            }
        } finally {
            try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    static Connection admin() throws SQLException {
        try {
            return DriverManager.getConnection(ADMIN_URL);
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + ADMIN_URL + ": " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " (required under CI=true)", e);
            }
            Assumptions.abort(message);
            throw e;
        }
    }
}
