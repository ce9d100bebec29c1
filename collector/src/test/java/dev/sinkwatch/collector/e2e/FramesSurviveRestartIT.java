package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sinkwatch.collector.testing.AgentRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Call-site frames outlive the collector: a call site's first sighting (with its frames) reaches one collector
 * process; it stops; the next one, on the same data directory, gets only a delta record (no frames, as agents send
 * them until they restart) that raises an alert, and that alert names the full call path.
 */
class FramesSurviveRestartIT {

    private static final String FUNCTION = "com.acme.OrderRepository.find";

    @TempDir
    Path work;

    @Test
    @DisplayName("after a restart, an alert raised from a delta record carries the frames of the first sighting")
    void framesSurviveRestart() throws Exception {
        // no journal: a replayed first sighting would bring the frames back by itself; only the store may here
        List<String> args = List.of("--data-dir", work.resolve("data").toString(), "--set", "ingest.journal=off");
        CollectorProcess first = CollectorProcess.start(args);
        try {
            AgentRecords sighting = new AgentRecords("frames", "1.0.0")
                    .newSql("00000000000000a1", "SELECT * FROM orders WHERE id = ?");
            assertEquals(true, sighting.export(first.otlpUrl(), "gzip"));
            awaitTargets(first.api(), 1);
        } finally {
            first.close();
        }
        List<String> firstOutput = first.output();
        try (CollectorProcess second = CollectorProcess.start(args)) {
            AgentRecords delta = new AgentRecords("frames", "1.0.0")
                    .delta("00000000000000a2", "SELECT * FROM orders WHERE id = ? OR ?=?", 1, 0, FUNCTION, 42);
            assertEquals(true, delta.export(second.otlpUrl(), "gzip"));
            JsonNode alert = second.api().awaitAlert(a -> a.get("detector").asText().equals("sql.injection"), 30_000);
            assertNotNull(alert, "the tautology in the delta raises an alert; alerts: " + second.api().alerts());
            List<String> frames = new ArrayList<>();
            alert.get("callSite").get("frames").forEach(f -> frames.add(f.asText()));
            assertEquals(List.of(FUNCTION + "(OrderRepository.java:42)",
                    "com.acme.OrderService.place(OrderService.java:17)",
                    "org.h2.jdbc.JdbcStatement.executeQuery(JdbcStatement.java:114)"), frames,
                    "first collector's output:\n" + String.join("\n", firstOutput) + "\nsecond's:\n"
                            + String.join("\n", second.output()));
        }
    }

    private static void awaitTargets(Api api, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode service : api.get("/api/services").get("services")) {
                if (service.get("name").asText().equals("frames") && service.get("targets").asInt() >= expected) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first sighting never reached the profiles");
    }
}
