package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sinkwatch.collector.ingest.FieldLimits;
import dev.sinkwatch.collector.testing.AgentRecords;
import io.opentelemetry.api.common.Attributes;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records built to stall or overflow the collector, sent as real OTLP/HTTP to the real collector jar. The bar is
 * work done, read from the collector itself (no wall-clock assertion): after the hostile records, a normal record
 * at the same call site (so the same pipeline worker) is detected, nothing failed, and over-long fields arrive
 * truncated and marked, never lost.
 */
class HostileInputIT {

    private static final String FUNCTION = "com.acme.UserRepository.search";

    @TempDir
    Path work;

    private static AgentRecords sql(String service, String key, String target) {
        return new AgentRecords(service, "1.0.0").newRecord(key, "jdbc", "query", target, FUNCTION,
                "UserRepository.java", 31, Attributes.builder().put("db.system.name", "h2").build());
    }

    /** SQL-ish targets made of the tokens the injection patterns open on, and long whitespace runs. */
    static String fuzzedTarget(Random random) {
        String[] pieces = {"OR", "or", "NOT", "(", "?", "'", "1", "=", "<>", "LIKE", "UNION", "ALL", "SELECT", ";",
                "DROP", "--?", "/*?*/", "TRUE", "x"};
        StringBuilder out = new StringBuilder("SELECT a FROM t WHERE b = ? ");
        int parts = 1 + random.nextInt(40);
        for (int i = 0; i < parts; i++) {
            out.append(pieces[random.nextInt(pieces.length)]);
            out.append(" ".repeat(random.nextInt(4) == 0 ? random.nextInt(20_000) : random.nextInt(3)));
        }
        return out.toString();
    }

    @Test
    @DisplayName("a pathological and a fuzzed corpus of SQL targets do not stall detection; long fields are truncated")
    void hostileRecordsNeverStallTheWorker() throws Exception {
        try (CollectorProcess collector = CollectorProcess.start(List.of("--data-dir",
                work.resolve("data").toString()))) {
            Api api = collector.api();
            // The record: OR followed by 300,000 spaces (compressed to a few hundred bytes).
            assertTrue(sql("victim", "00000000000000a1", "SELECT a FROM t WHERE b = ? OR" + " ".repeat(300_000))
                    .export(collector.otlpUrl(), "gzip"));
            Random random = new Random(20261202);
            for (int batch = 0; batch < 10; batch++) {
                AgentRecords records = new AgentRecords("victim", "1.0.0");
                for (int i = 0; i < 20; i++) {
                    records.newRecord(String.format("%016x", batch * 100L + i + 0x100), "jdbc", "query",
                            fuzzedTarget(random), FUNCTION, "UserRepository.java", 31, Attributes.empty());
                }
                assertTrue(records.export(collector.otlpUrl(), "gzip"), "fuzzed batch " + batch + " accepted");
            }
            // The same call site, so the same worker: its finding proves the worker got through everything before.
            assertTrue(sql("victim", "00000000000000b1", "SELECT a FROM t WHERE b = ? UNION SELECT password FROM x")
                    .export(collector.otlpUrl(), "none"));
            JsonNode union = api.awaitAlert(a -> a.get("summary").asText().contains("UNION SELECT")
                    && a.get("summary").asText().contains("password"), 120_000);
            assertNotNull(union, "the record after the hostile ones is detected");

            // A 10 KB service name and call site: the alert exists, its fields cut and marked.
            String longService = "svc-" + "s".repeat(10_000);
            String longFunction = "com.acme." + "F".repeat(10_000) + ".run";
            assertTrue(new AgentRecords(longService, "1.0.0").newRecord("00000000000000c1", "process", "exec",
                    "sh -c <script>", longFunction, "Run.java", 7, Attributes.builder()
                            .put("process.executable.name", "sh").put("process.command_line", "sh -c <script>")
                            .build()).export(collector.otlpUrl(), "none"));
            JsonNode shell = api.awaitAlert(a -> a.get("service").get("name").asText().startsWith("svc-sss"),
                    60_000);
            assertNotNull(shell, "the alert of the record with a 10 KB service name exists");
            String name = shell.get("service").get("name").asText();
            assertTrue(name.endsWith(FieldLimits.MARKER) && name.length() < 300, name.length() + " chars");
            assertTrue(shell.get("callSite").get("function").asText().endsWith(FieldLimits.MARKER));

            String metrics = api.metrics();
            assertEquals(0.0, counter(metrics, "sinkwatch_pipeline_failures_total"), "no observation failed");
            assertTrue(counter(metrics, "sinkwatch_ingest_records_total{result=\"truncated\",signal=\"logs\"}") >= 1,
                    "the truncation is counted");
            assertTrue(metrics.contains("sinkwatch_pipeline_observation_seconds_max"), "the worker hold is exposed");
        }
    }

    static double counter(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
