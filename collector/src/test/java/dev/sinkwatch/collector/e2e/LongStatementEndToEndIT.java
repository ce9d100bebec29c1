package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 MB SQL statement, end to end: the agent caps its target ({@code sinkwatch.target.max.chars}), so the batch
 * that carries it stays far below the collector's body limit and is accepted whole, and the collector holds the key.
 */
class LongStatementEndToEndIT {

    static final String SERVICE = "longsql";

    @TempDir
    Path work;

    @Test
    @DisplayName("a 2 MB statement: the agent's batch is accepted, nothing rejected, the key is in the collector")
    void aTwoMegabyteStatementReachesTheCollector() throws Exception {
        try (CollectorProcess collector = CollectorProcess.start(List.of("--data-dir", work.resolve("data").toString()))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path out = work.resolve("app.txt");
            Process app = new ProcessBuilder(java, "-javaagent:" + AgentJar.path().toAbsolutePath() + "=service.name="
                    + SERVICE + ",endpoint=http://127.0.0.1:" + collector.otlpPort() + ",app.packages=com.example.longsql",
                    "-cp", System.getProperty("java.class.path"), "com.example.longsql.LongSqlApp")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(app.waitFor(120, TimeUnit.SECONDS), "the app did not finish");
            String output = Files.readString(out);
            assertEquals(0, app.exitValue(), output);
            assertTrue(output.contains("done"), output);

            // The agent sent before exiting (its shutdown hook); the collector's pipeline may still be at work.
            Api api = collector.api();
            long deadline = System.currentTimeMillis() + 60_000;
            while (newJdbcKeys(api.metrics()) < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            String metrics = api.metrics();
            assertTrue(newJdbcKeys(metrics) >= 1, "the key reached the collector:\n" + metrics);
            assertEquals(0, value(metrics, "sinkwatch_ingest_requests_total\\{[^}]*outcome=\"too_large\"[^}]*\\}"),
                    metrics);
            assertEquals(0, value(metrics, "sinkwatch_ingest_records_total\\{[^}]*result=\"rejected\"[^}]*\\}"),
                    metrics);
            int targets = 0;
            for (JsonNode service : api.get("/api/services").get("services")) {
                if (service.get("name").asText().equals(SERVICE)) {
                    targets += service.get("targets").asInt();
                }
            }
            assertTrue(targets >= 1, "the collector's profiles hold the statement's target");
        }
    }

    private static double newJdbcKeys(String metrics) {
        return value(metrics, "sinkwatch_sink_keys_new_total\\{[^}]*kind=\"jdbc\"[^}]*service=\"" + SERVICE
                + "\"[^}]*\\}|sinkwatch_sink_keys_new_total\\{[^}]*service=\"" + SERVICE + "\"[^}]*kind=\"jdbc\"[^}]*\\}");
    }

    /** The sum of the samples matching a series pattern; 0 when there is none. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^(?:" + series + ") ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }
}
