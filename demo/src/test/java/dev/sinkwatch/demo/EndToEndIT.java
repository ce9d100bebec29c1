package dev.sinkwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sinkwatch.collector.Collector;
import dev.sinkwatch.collector.config.CollectorConfig;
import dev.sinkwatch.collector.e2e.AgentJar;
import dev.sinkwatch.collector.e2e.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM with the real agent ({@code agent/target/sinkwatch-agent.jar}) sends to a real collector: benign
 * traffic through learning raises nothing; then each of five attacks raises the right alert, at the right call
 * site, within 5 seconds.
 */
class EndToEndIT {

    @TempDir
    Path work;

    static String appClassPath() {
        Path jar = Path.of(System.getProperty("sinkwatch.it.demoJar", "target/sinkwatch-demo.jar"));
        return Files.isRegularFile(jar) ? jar.toAbsolutePath().toString() : System.getProperty("java.class.path");
    }

    @Test
    @DisplayName("learning raises nothing; SQL injection, traversal, SSRF, shell and gadget each alert at their call site within 5 s")
    void attacksAreDetected() throws Exception {
        CollectorConfig config = CollectorConfig.defaults().with(Map.of("server.otlp-port", "0",
                "server.api-port", "0", "storage.data-dir", work.resolve("data").toString(),
                "detect.quiet-period", "2s"));
        try (Collector collector = Collector.start(config);
             ShopProcess shop = ShopProcess.start(AgentJar.path(), collector.otlpPort(), work.resolve("shop"), "",
                     appClassPath())) {
            Api api = new Api(collector.apiPort());
            long learnUntil = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < learnUntil) {
                shop.send("benign 5", 30);
                Thread.sleep(200);
            }
            Thread.sleep(1500); // last deltas (agent interval 1 s)
            assertTrue(collector.awaitIdle(5000));
            assertEquals(List.of(), api.alerts(), "benign traffic through learning raises no alert");
            JsonNode services = api.get("/api/services").get("services");
            assertEquals(ShopProcess.SERVICE, services.get(0).get("name").asText());
            assertTrue(services.get(0).get("profilesByState").has("stable"), services.toString());

            Set<String> seen = new HashSet<>();
            for (Demo.Attack attack : Demo.ATTACKS) {
                long start = System.currentTimeMillis();
                shop.send(attack.command(), 30);
                JsonNode alert = api.awaitAlert(a -> !seen.contains(a.get("id").asText())
                        && attack.detector().equals(a.get("detector").asText()), 5_000);
                long millis = System.currentTimeMillis() - start;
                assertNotNull(alert, attack.command() + ": no " + attack.detector() + " alert within 5 s; alerts: "
                        + api.alerts());
                seen.add(alert.get("id").asText());
                JsonNode callSite = alert.get("callSite");
                assertEquals(attack.callSite(), callSite.get("function").asText(), attack.command());
                assertTrue(callSite.get("line").asInt() > 0, attack.command());
                assertTrue(callSite.get("frames").get(0).asText().startsWith(attack.callSite() + "("),
                        callSite.toString());
                assertEquals("critical", alert.get("severity").asText(), attack.command());
                assertEquals(ShopProcess.SERVICE, alert.get("service").get("name").asText());
                System.out.printf("%s -> %s at %s:%d in %d ms%n", attack.command(), attack.detector(),
                        callSite.get("function").asText(), callSite.get("line").asInt(), millis);
            }

            // The API acts on them: ack, approve (baseline + resolve).
            JsonNode sql = api.awaitAlert(a -> a.get("detector").asText().equals("sql.injection"), 1000);
            String id = sql.get("id").asText();
            assertTrue(api.post("/api/alerts/" + id + "/ack", "{\"by\":\"it\"}").get("acknowledged").asBoolean());
            assertEquals("resolved", api.post("/api/alerts/" + id + "/approve", "{\"by\":\"it\"}").get("status")
                    .asText());
            String metrics = api.metrics();
            assertTrue(metrics.contains("sinkwatch_sink_calls_total{kind=\"jdbc\",service=\"demo-shop\"}"), metrics);
        }
    }
}
