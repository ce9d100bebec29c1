package dev.sinkwatch.collector.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.Collector;
import dev.sinkwatch.collector.attribution.AttributionCommand;
import dev.sinkwatch.collector.config.CollectorConfig;
import dev.sinkwatch.collector.testing.AgentRecords;
import dev.sinkwatch.collector.testing.Http;
import io.opentelemetry.api.common.Attributes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribution command's index, uploaded to a running collector, names the AI region behind an alert's call site;
 * the upload survives a restart (saved under the data directory).
 */
class AttributionWiringTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    @DisplayName("POST /api/attribution, then an alert at an AI-written line carries its attribution, also after restart")
    void alertCarriesAttribution() throws Exception {
        Path repo = work.resolve("repo");
        Path source = repo.resolve("src/main/java/com/acme/ReportJob.java");
        Files.createDirectories(source.getParent());
        StringBuilder java = new StringBuilder("package com.acme;\n\nclass ReportJob {\n");
        for (int line = 4; line < 90; line++) {
            java.append("    // line ").append(line).append('\n');
        }
        Files.writeString(source, java.append("}\n").toString());
        String commit;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent alice = new PersonIdent("Alice", "alice@example.com");
            commit = git.commit().setAuthor(alice).setCommitter(alice).setSign(false)
                    .setMessage("Report export\n\nCo-Authored-By: Claude <noreply@anthropic.com>").call().name();
        }
        Path index = work.resolve("index.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, AttributionCommand.run(new String[] {"--repo", repo.toString(), "--out", index.toString(),
                "--service", "reports", "--quiet"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)),
                err.toString());

        CollectorConfig config = CollectorConfig.defaults().with(Map.of("server.otlp-port", "0",
                "server.api-port", "0", "storage.data-dir", work.resolve("data").toString()));
        try (Collector collector = Collector.start(config)) {
            String api = "http://127.0.0.1:" + collector.apiPort();
            HttpResponse<String> upload = Http.postJson(api + "/api/attribution", Files.readString(index));
            assertEquals(200, upload.statusCode(), upload.body());
            assertEquals("reports", JSON.readTree(upload.body()).get("service").asText());
            assertEquals(400, Http.postJson(api + "/api/attribution", "{\"format\":\"other\"}").statusCode());
        }
        try (Collector collector = Collector.start(config)) {
            String api = "http://127.0.0.1:" + collector.apiPort();
            assertTrue(new AgentRecords("reports", commit).newRecord("00000000000abc01", "process", "exec",
                    "sh -c <script>", "com.acme.ReportJob.export", "ReportJob.java", 77,
                    Attributes.builder().put("process.executable.name", "sh").build())
                    .export("http://127.0.0.1:" + collector.otlpPort() + "/v1/logs", "none"));
            assertTrue(collector.awaitIdle(5000));
            JsonNode alerts = JSON.readTree(Http.get(api + "/api/alerts").body()).get("alerts");
            assertEquals(1, alerts.size(), alerts.toString());
            JsonNode attribution = alerts.get(0).get("attribution");
            assertNotNull(attribution, alerts.toString());
            assertEquals("ai", attribution.get("attributionClass").asText(), attribution.toString());
            assertEquals("src/main/java/com/acme/ReportJob.java", attribution.get("file").asText());
            assertEquals(commit, attribution.get("commit").asText());
            assertTrue(attribution.get("startLine").asInt() <= 77 && attribution.get("endLine").asInt() >= 77);

            // The AI region is listed with what was seen from inside it.
            JsonNode regions = JSON.readTree(Http.get(api + "/api/attribution/regions?service=reports").body())
                    .get("regions");
            assertEquals(1, regions.size(), regions.toString());
            JsonNode region = regions.get(0);
            assertEquals("src/main/java/com/acme/ReportJob.java", region.get("file").asText());
            assertEquals(commit, region.get("commit").asText());
            JsonNode sink = region.get("sinks").get(0);
            assertEquals("com.acme.ReportJob.export:77", sink.get("callSiteId").asText(), region.toString());
            assertEquals("process", sink.get("kind").asText());
            assertEquals("sh -c <script>", sink.get("targets").get("exec").get(0).asText(), region.toString());

            // A call site the index does not cover is "unknown", with the reason: never a guess, never "human".
            assertTrue(new AgentRecords("reports", commit).newRecord("00000000000abc02", "process", "exec",
                    "sh -c <script>", "com.acme.Unindexed.run", "Unindexed.java", 5,
                    Attributes.builder().put("process.executable.name", "sh").build())
                    .export("http://127.0.0.1:" + collector.otlpPort() + "/v1/logs", "none"));
            assertTrue(collector.awaitIdle(5000));
            JsonNode all = JSON.readTree(Http.get(api + "/api/alerts").body()).get("alerts");
            JsonNode unindexed = null;
            for (JsonNode alert : all) {
                if (alert.get("callSite").get("function").asText().equals("com.acme.Unindexed.run")) {
                    unindexed = alert.get("attribution");
                }
            }
            assertNotNull(unindexed, all.toString());
            assertEquals("unknown", unindexed.get("attributionClass").asText(), unindexed.toString());
            assertTrue(unindexed.get("note").asText().startsWith("no attributed lines for this call site in the index built at "
                    + commit.substring(0, 12)), unindexed.toString());

            String metrics = Http.get(api + "/metrics").body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("sinkwatch_findings_total{")
                    && l.contains("attribution=\"ai\"") && l.contains("service=\"reports\"")), metrics);
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("sinkwatch_findings_total{")
                    && l.contains("attribution=\"unknown\"")), metrics);
        }
    }
}
