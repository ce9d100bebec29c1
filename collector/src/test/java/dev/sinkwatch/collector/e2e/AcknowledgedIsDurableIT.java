package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sinkwatch.collector.testing.AgentRecords;
import io.opentelemetry.api.common.Attributes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An observation answered 200 survives {@code kill -9}: thousands of records are acknowledged, the collector is
 * killed right after the last acknowledgement (profile write-behind set to an hour, so only the write-ahead
 * journal holds the recent ones), and after a restart on the same data directory every one of them is in the
 * profiles and every alert they raise exists.
 */
class AcknowledgedIsDurableIT {

    private static final String SERVICE = "durable";
    private static final int BATCHES = 40;
    private static final int PER_BATCH = 100;

    @TempDir
    Path work;

    @Test
    @DisplayName("kill -9 after 4,000 acknowledged records, restart: all 4,000 in the profiles, all 40 alerts raised")
    void acknowledgedSurvivesKillNine() throws Exception {
        List<String> args = List.of("--data-dir", work.resolve("data").toString(),
                "--set", "detect.flush-interval=1h", "--set", "ingest.journal-checkpoint-interval=1h");
        CollectorProcess first = CollectorProcess.start(args);
        try {
            for (int b = 0; b < BATCHES; b++) {
                AgentRecords records = new AgentRecords(SERVICE, "1.0.0");
                for (int i = 0; i < PER_BATCH - 1; i++) {
                    int n = b * PER_BATCH + i;
                    records.newRecord(String.format("%016x", n + 1), "jdbc", "query",
                            "SELECT c" + n + " FROM t WHERE id = ?", "com.acme.Repo.q" + (n % 20), "Repo.java",
                            10 + n % 20, Attributes.empty());
                }
                // one shell exec per batch, each at its own call site: one alert each
                records.newRecord(String.format("%016x", 1_000_000 + b), "process", "exec", "sh -c <script>",
                        "com.acme.Job.run" + b, "Job.java", 5, Attributes.builder()
                                .put("process.executable.name", "sh").put("process.command_line", "sh -c <script>")
                                .build());
                assertTrue(records.export(first.otlpUrl(), "gzip"), "batch " + b + " acknowledged");
            }
        } finally {
            first.kill9();
        }

        try (CollectorProcess second = CollectorProcess.start(args)) {
            Api api = second.api();
            long deadline = System.currentTimeMillis() + 120_000;
            int targets = 0;
            long alerts = 0;
            while (System.currentTimeMillis() < deadline) {
                targets = targets(api);
                alerts = api.alerts().stream().filter(a -> a.get("detector").asText().equals("process.suspicious"))
                        .count();
                if (targets == BATCHES * PER_BATCH && alerts == BATCHES) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(BATCHES * PER_BATCH, targets, "every acknowledged record is in the profiles");
            assertEquals(BATCHES, alerts, "every alert the records raise exists");
        }
    }

    private static int targets(Api api) throws Exception {
        int n = 0;
        for (JsonNode service : api.get("/api/services").get("services")) {
            if (service.get("name").asText().equals(SERVICE)) {
                n += service.get("targets").asInt();
            }
        }
        return n;
    }
}
