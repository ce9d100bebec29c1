package dev.sinkwatch.collector.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sinkwatch.collector.Collector;
import dev.sinkwatch.collector.config.CollectorConfig;
import org.apache.commons.collections.functors.InvokerTransformer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deliberately vulnerable web app ({@code com.example.vulnapp.VulnApp}, embedded Tomcat) in a real JVM under the
 * built agent, exporting to a real collector: benign traffic full of dangerous-looking inputs used safely raises
 * nothing (not even Tomcat's background work) but one WARNING per call site that always runs a shell; then each
 * attack raises its alert at the exact call site, the input-correlated ones naming the input, including at call sites
 * never exercised before.
 */
class VulnerableAppIT {

    @TempDir
    Path work;

    private static final String APP = "com.example.vulnapp.VulnApp$";

    @Test
    @DisplayName("benign traffic after learning is quiet (one WARNING per always-run shell); every attack alerts, "
            + "naming its input and call site")
    void attacksAreCorrelatedWithTheirInput() throws Exception {
        CollectorConfig config = CollectorConfig.defaults().with(Map.of("server.otlp-port", "0",
                "server.api-port", "0", "storage.data-dir", work.resolve("data").toString(),
                "detect.quiet-period", "3s"));
        try (Collector collector = Collector.start(config);
             VulnAppProcess app = VulnAppProcess.start(AgentJar.path(), collector.otlpPort(),
                     work.resolve("app"), "")) {
            Api api = new Api(collector.apiPort());
            String benignCart = serialize(new ArrayList<>(List.of("apple", "pear")));
            long learnUntil = System.currentTimeMillis() + 8_000;
            while (System.currentTimeMillis() < learnUntil) {
                benign(app, benignCart);
                Thread.sleep(300);
            }
            Thread.sleep(4_000); // the quiet period passes: the call sites become stable
            benign(app, benignCart);
            Thread.sleep(1_500); // the last deltas (agent interval 1 s)
            assertTrue(collector.awaitIdle(10_000));

            // Everything is judged, Tomcat's and the directory's own background work included: library work
            // outside any request is learned silently.
            List<JsonNode> learned = api.alerts();
            for (JsonNode alert : learned) {
                assertEquals("process.suspicious", alert.get("detector").asText(), alert.toString());
                assertEquals("warning", alert.get("severity").asText(), alert.toString());
                assertEquals(1, alert.get("count").asLong(), "repeats neither re-raise nor move it: " + alert);
            }
            assertEquals(List.of("com.example.vulnapp.MoreSinks$Greet.doGet", APP + "Echo.doGet",
                    APP + "ListDir.doGet"), learned.stream()
                    .map(a -> a.get("callSite").get("function").asText()).sorted().toList(),
                    "one WARNING per call site that always runs a shell: " + learned);

            String port = String.valueOf(app.port);
            attack(api, app, "input.sql.injection", "Users", "query.name", "/users", "name", "x' OR '1'='1");
            attack(api, app, "input.sql.injection", "Orders", "query.sort", "/orders", "sort",
                    "name; DROP TABLE users");
            attack(api, app, "input.sql.injection", "Search", "query.q", "/search", "q", "a%' UNION SELECT 1 --");
            attack(api, app, "input.sql.injection", "Item", "query.id", "/item", "id", "1 OR 1=1");
            attack(api, app, "input.shell.injection", "Echo", "query.msg", "/echo", "msg", "x'; id; echo '");
            attack(api, app, "input.shell.injection", "ListDir", "query.dir", "/list", "dir", "/tmp; id");
            attack(api, app, "input.shell.injection", "Tool", "query.name", "/tool", "name", "id");
            attack(api, app, "input.file.traversal", "ReadFile", "query.name", "/file", "name",
                    "../../../../../../../../etc/passwd");
            attack(api, app, "input.net.ssrf", "Fetch", "query.url", "/fetch", "url",
                    "http://127.0.0.1:" + port + "/admin");
            attack(api, app, "input.net.ssrf", "Fetch", "query.url", "/fetch", "url",
                    "http://metadata.google.internal:" + port + "/admin");
            // A call site no benign request ever reached, the input in a JSON body field.
            attackJson(api, app, "input.net.ssrf", "JsonFetch", "body.url", "/fetch/json",
                    "{\"url\": \"http://127.0.0.1:" + port + "/admin\"}", "http://127.0.0.1:" + port + "/admin");
            attack(api, app, "input.jndi.injection", "Lookup", "query.name", "/lookup", "name",
                    "ldap://127.0.0.1:1/o=attack");
            attack(api, app, "file.traversal", "Xml", null, "/xml", "doc", "<?xml version=\"1.0\"?><!DOCTYPE r "
                    + "[<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>");
            attack(api, app, "deserialization.gadget", "Cart", null, "/cart", "data",
                    serialize(new InvokerTransformer("exec")));
            attack(api, app, "shell.injection", "Echo", null, "/echo", "msg", "y'; id; echo '");
            // Where injections land beyond SQL, shells, paths, URLs and names (com.example.vulnapp.MoreSinks).
            attack(api, app, "input.ldap.injection", "MoreSinks$Directory", "query.user", "/directory", "user",
                    "*)(uid=*))(|(uid=*");
            attack(api, app, "ldap.injection", "MoreSinks$Directory", null, "/directory", "user",
                    "bob)(|(cn=*");
            attack(api, app, "input.xpath.injection", "MoreSinks$Role", "query.name", "/role", "name",
                    "' or '1'='1");
            attack(api, app, "xpath.injection", "MoreSinks$Role", null, "/role", "name", "x' or name/text()!='");
            attack(api, app, "input.file.traversal", "MoreSinks$Exists", "query.name", "/exists", "name",
                    "../../../../../../../../etc/passwd");
            attack(api, app, "input.shell.injection", "MoreSinks$Greet", "query.msg", "/greet", "msg", "hi; id");
            attack(api, app, "input.sql.injection", "MoreSinks$Column", "query.col", "/column", "col",
                    "id) UNION SELECT 1 --");

            // The shell the app always runs stays at one occurrence however often it runs.
            for (int i = 0; i < 5; i++) {
                app.get("/echo", "msg", "hello again");
            }
            Thread.sleep(1_500);
            assertTrue(collector.awaitIdle(10_000));
            JsonNode echo = api.alerts().stream().filter(a -> a.get("detector").asText().equals("process.suspicious")
                    && a.get("callSite").get("function").asText().equals(APP + "Echo.doGet")
                    && a.get("severity").asText().equals("warning")).findFirst().orElseThrow();
            assertEquals(1, echo.get("count").asLong(), echo.toString());
        }
    }

    private static void benign(VulnAppProcess app, String cart) throws Exception {
        app.get("/users/safe", "name", "O'Brien");
        app.get("/users", "name", "alice");
        app.get("/orders", "sort", "name");
        app.get("/search", "q", "New York");
        app.get("/item", "id", "2");
        app.get("/echo", "msg", "hello");
        app.get("/echo", "msg", "a; b");
        app.get("/echo/safe", "msg", "a; b");
        app.get("/list", "dir", "/tmp");
        app.get("/file", "name", "report.txt");
        app.get("/fetch/status", "page", "../x");
        app.get("/xml", "doc", "<r>hello</r>");
        app.get("/cart", "data", cart);
        app.get("/directory", "user", "alice");
        app.get("/directory/safe", "user", "*)(uid=*))(|(uid=*");
        app.get("/role", "name", "bob");
        app.get("/exists", "name", "report.txt");
        app.get("/greet", "msg", "New York");
        app.get("/column", "col", "name");
    }

    private static void attack(Api api, VulnAppProcess app, String detector, String servlet, String input,
                               String path, String param, String value) throws Exception {
        app.get(path, param, value);
        expectAlert(api, app, detector, (servlet.contains("$") ? "com.example.vulnapp." : APP) + servlet + ".doGet",
                input, path, value);
    }

    /** An attack in a JSON body, POSTed to a servlet's {@code doPost}. */
    private static void attackJson(Api api, VulnAppProcess app, String detector, String servlet, String input,
                                   String path, String json, String value) throws Exception {
        app.postJson(path, json);
        expectAlert(api, app, detector, APP + servlet + ".doPost", input, path, value);
    }

    private static void expectAlert(Api api, VulnAppProcess app, String detector, String function, String input,
                                    String path, String value) throws Exception {
        Predicate<JsonNode> match = a -> a.get("detector").asText().equals(detector)
                && a.get("callSite").get("function").asText().equals(function)
                && (input == null || input.equals(a.path("evidence").path("input").asText()));
        JsonNode alert = api.awaitAlert(match, 15_000);
        assertNotNull(alert, path + " " + value + ": no " + detector + " alert at " + function + " naming " + input
                + "; alerts: " + api.alerts() + "\napp output:\n" + app.output());
        assertEquals("critical", alert.get("severity").asText(), alert.toString());
        assertTrue(alert.get("callSite").get("line").asInt() > 0, alert.toString());
        if (input != null) {
            String summary = alert.get("summary").asText();
            assertTrue(summary.contains(" from " + input + " ") && summary.contains(" at " + function + ":"),
                    alert.toString());
            // The input is named, never quoted; a value holding a literal is folded out of the target too (one
            // made of identifiers and keywords only, as an ORDER BY's, stays visible in the SQL shape).
            assertTrue(!value.contains("'") || !alert.toString().contains(value),
                    "the raw input value never leaves the JVM: " + alert);
        }
    }

    private static String serialize(Serializable value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return Base64.getUrlEncoder().encodeToString(bytes.toByteArray());
    }
}
