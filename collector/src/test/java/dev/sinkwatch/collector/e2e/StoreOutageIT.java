package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sinkwatch.collector.testing.AgentRecords;
import io.opentelemetry.api.common.Attributes;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped for 30 s and started again while agents keep sending: ingest keeps acknowledging, the findings
 * wait in the collector's outbox, and once the database is back every one of them is an alert. The server is the
 * test's own ({@link OwnPostgres}), never the machine's shared one.
 */
class StoreOutageIT {

    private static final String SERVICE = "outage";
    private static final Pattern DEPTH = Pattern.compile("(?m)^sinkwatch_alert_outbox_depth\\S* (\\d+)");

    @TempDir
    Path work;

    @Test
    @DisplayName("PostgreSQL down for 30 s during ingest: ingest goes on and every finding raised becomes an alert")
    void everyFindingSurvivesTheOutage() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start()) {
            List<String> args = List.of("--data-dir", work.resolve("data").toString(), "--store", "postgresql",
                    "--postgres-url", pg.jdbcUrl(), "--set", "storage.postgres.user=postgres",
                    "--set", "alert.outbox-max-backoff=1s");
            try (CollectorProcess collector = CollectorProcess.start(args)) {
                int sent = 0;
                for (; sent < 10; sent++) {
                    send(collector, sent);
                }
                pg.stopServer();
                long upAgainAt = System.currentTimeMillis() + 30_000;
                int sentWhileDown = 0;
                long maxWaiting = 0;
                while (System.currentTimeMillis() < upAgainAt) {
                    send(collector, sent++);
                    sentWhileDown++;
                    maxWaiting = Math.max(maxWaiting, outboxDepth(collector));
                    Thread.sleep(500);
                }
                pg.startServer();
                for (int i = 0; i < 10; i++) {
                    send(collector, sent++);
                }

                assertTrue(sentWhileDown >= 10, "ingest acknowledged while the database was down: " + sentWhileDown);
                assertTrue(maxWaiting > 0, "findings waited in the outbox while the database was down");
                Api api = collector.api();
                long deadline = System.currentTimeMillis() + 120_000;
                List<JsonNode> alerts = List.of();
                while (System.currentTimeMillis() < deadline) {
                    alerts = api.alerts().stream()
                            .filter(a -> a.get("detector").asText().equals("process.suspicious")).toList();
                    if (alerts.size() >= sent) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertEquals(sent, alerts.size(), "one alert per finding raised, none lost; collector output:\n"
                        + String.join("\n", collector.output().subList(Math.max(0, collector.output().size() - 40),
                                collector.output().size())));
                assertEquals(0, outboxDepth(collector), "nothing left waiting");
            }
        }
    }

    /** One batch: a few queries and one shell exec at a call site of its own (one finding, one alert). */
    private static void send(CollectorProcess collector, int n) throws InterruptedException {
        AgentRecords records = new AgentRecords(SERVICE, "1.0.0");
        for (int i = 0; i < 5; i++) {
            records.newRecord(String.format("%016x", n * 10L + i + 1), "jdbc", "query",
                    "SELECT c" + i + " FROM t WHERE id = ?", "com.acme.Repo.q", "Repo.java", 10,
                    Attributes.empty());
        }
        records.newRecord(String.format("%016x", 1_000_000L + n), "process", "exec", "sh -c <script>",
                "com.acme.Job.run" + n, "Job.java", 5, Attributes.builder().put("process.executable.name", "sh")
                        .put("process.command_line", "sh -c <script>").build());
        for (int attempt = 0; !records.export(collector.otlpUrl(), "gzip"); attempt++) {
            assertTrue(attempt < 100, "batch " + n + " never acknowledged");
            Thread.sleep(200);
        }
    }

    private static long outboxDepth(CollectorProcess collector) throws Exception {
        Matcher m = DEPTH.matcher(collector.api().metrics());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
