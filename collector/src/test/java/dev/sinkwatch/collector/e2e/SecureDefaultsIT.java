package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.testing.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real collector jar's security defaults: exposure needs tokens, writes need a write token and no cross-site. */
class SecureDefaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRITER = "Bearer wr1te-0123456789abcdef";
    private static final String READER = "Bearer r3ad-0123456789abcdef";

    @TempDir
    Path work;

    @Test
    @DisplayName("--bind 0.0.0.0 without tokens exits non-zero, saying how to set them")
    void exposedWithoutTokensRefusesToStart() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CollectorProcess.jar().toAbsolutePath().toString(), "serve", "--bind", "0.0.0.0",
                "--otlp-port", "0", "--api-port", "0", "--data-dir", work.resolve("data").toString())
                .redirectErrorStream(true).start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the collector exits by itself");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, process.exitValue(), output);
            assertTrue(output.contains("refusing to listen on 0.0.0.0 without tokens"), output);
            assertTrue(output.contains("ingest.token") && output.contains("api.write-tokens")
                    && output.contains("SINKWATCH_API_WRITE_TOKENS="), output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    @DisplayName("a cross-site approve is refused and the alert stays open; the write token's name is who acted")
    void crossSiteApproveRefused() throws Exception {
        try (CollectorProcess collector = CollectorProcess.start(List.of("--data-dir", work.resolve("data").toString(),
                "--set", "api.write-tokens=alice:wr1te-0123456789abcdef",
                "--set", "api.read-tokens=grafana:r3ad-0123456789abcdef"))) {
            String api = "http://127.0.0.1:" + collector.apiPort();
            assertTrue(CrashSafetyIT.shellExec("secure").export(collector.otlpUrl(), "none"));
            assertEquals(401, Http.get(api + "/api/alerts").statusCode(), "reads need a token");
            String id = awaitAlertId(api);

            String approve = api + "/api/alerts/" + id + "/approve";
            // What a page on another site can make a browser send: a simple text/plain POST, and a JSON one.
            assertEquals(415, Http.post(approve, "text/plain", "{}".getBytes(StandardCharsets.UTF_8),
                    "Authorization", WRITER, "Origin", "http://evil.example").statusCode());
            assertEquals(403, Http.postJson(approve, "{}", "Authorization", WRITER, "Origin", "http://evil.example",
                    "Sec-Fetch-Site", "cross-site").statusCode());
            assertEquals(403, Http.postJson(approve, "{}", "Authorization", READER).statusCode(),
                    "a read token cannot approve");
            assertEquals("firing", alert(api, id).get("status").asText(), "the alert stays open");

            HttpResponse<String> ack = Http.postJson(api + "/api/alerts/" + id + "/ack", "{\"by\":\"mallory\"}",
                    "Authorization", WRITER);
            assertEquals(200, ack.statusCode(), ack.body());
            assertEquals("alice", JSON.readTree(ack.body()).get("acknowledgedBy").asText());
        }
    }

    private static JsonNode alert(String api, String id) throws Exception {
        HttpResponse<String> response = Http.get(api + "/api/alerts/" + id, "Authorization", READER);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String awaitAlertId(String api) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode alerts = JSON.readTree(Http.get(api + "/api/alerts", "Authorization", READER).body())
                    .get("alerts");
            if (alerts.size() > 0) {
                return alerts.get(0).get("id").asText();
            }
            Thread.sleep(100);
        }
        assertNotNull(null, "the shell exec raised an alert");
        return null;
    }
}
