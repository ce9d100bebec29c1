package dev.sinkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards against the real thing, without Grafana: the collector jar in a child JVM, a small app under the
 * real agent sending to it, a real Prometheus scraping the collector every second with the shipped rules loaded.
 * Every panel's query, variables substituted as Grafana would, must return data through Prometheus' HTTP API; the
 * collector's labels must stay inside the bounded set.
 */
class DashboardQueriesIT {

    /**
     * Panels that cannot have data in this scenario, as "dashboard uid / panel title" → why. Empty: the scenario
     * makes every panel's metric exist (a log receiver delivers the alerts; the test sends one malformed body and
     * one contract-breaking record so that decode errors and rejected records exist).
     */
    static final Map<String, String> NO_DATA_EXPECTED = Map.of();

    /** Label names the collector may put on its own metrics (docs/collector.md): all with bounded values. */
    static final Set<String> SINKWATCH_LABELS = Set.of("service", "kind", "severity", "detector", "attribution", "signal",
            "outcome", "result", "state", "receiver", "quantile");

    /** Label names of the Micrometer JVM binders: memory area, pool/buffer id, thread state. */
    static final Set<String> JVM_LABELS = Set.of("area", "id", "state");

    static final Set<String> KINDS = Set.of("jdbc", "file", "net", "process", "deserialization", "jndi");

    static final String SERVICE = "dash-shop";

    private static final Pattern STARTED = Pattern.compile(
            "OTLP on http://[^:]+:(\\d+)/v1/logs, API on http://[^:]+:(\\d+)/api/alerts");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    @DisplayName("every panel's query returns data from Prometheus scraping a collector fed by a real agent")
    void everyPanelHasData() throws Exception {
        Path prometheus = Tools.require("prometheus", "prometheus");
        Path collectorJar = file("sinkwatch.it.collectorJar", "../collector/target/sinkwatch-collector.jar");
        Path agentJar = file("sinkwatch.it.agentJar", "../agent/target/sinkwatch-agent.jar");
        Path appClasses = file("sinkwatch.it.appClasses", "target/test-classes");

        try (ChildProcess collector = ChildProcess.start("collector", work, List.of(ChildProcess.java(), "-jar",
                collectorJar.toString(), "serve", "--otlp-port", "0", "--api-port", "0",
                "--data-dir", work.resolve("data").toString(),
                "--set", "detect.quiet-period=2s", "--set", "alert.receivers=log",
                "--set", "alert.sweep-interval=1s"))) {
            Matcher started = collector.awaitOutput(STARTED, 60_000);
            int otlpPort = Integer.parseInt(started.group(1));
            int apiPort = Integer.parseInt(started.group(2));
            String api = "http://127.0.0.1:" + apiPort;
            await("collector /healthz", 30_000, () -> get(api + "/healthz").statusCode() == 200, collector);

            int promPort = ChildProcess.freePort();
            String prom = "http://127.0.0.1:" + promPort;
            Path promDir = Files.createDirectories(work.resolve("prometheus"));
            Path promConfig = promDir.resolve("prometheus.yml");
            Files.writeString(promConfig, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - '%s'
                    scrape_configs:
                      - job_name: sinkwatch-collector
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(Artifacts.rules(), apiPort));
            try (ChildProcess promProcess = ChildProcess.start("prometheus", promDir, List.of(prometheus.toString(),
                    "--config.file=" + promConfig, "--storage.tsdb.path=" + promDir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + promPort));
                 ChildProcess app = ChildProcess.start("app", work, List.of(ChildProcess.java(),
                         "-javaagent:" + agentJar + "=service.name=" + SERVICE + ",endpoint=http://127.0.0.1:"
                                 + otlpPort + ",export.interval=1s,app.packages=com.example.dashapp",
                         "-cp", appClasses.toString(), "com.example.dashapp.WatchedApp",
                         work.resolve("app").toString(), "5000", "180000"))) {
                await("prometheus ready", 60_000, () -> get(prom + "/-/ready").statusCode() == 200, promProcess);
                app.awaitOutput(Pattern.compile("watched app running"), 60_000);
                provokeIngestErrors("http://127.0.0.1:" + otlpPort + "/v1/logs");

                // The day-0 anomalies are alerts, and Prometheus has scraped them.
                await("a critical alert in Prometheus", 90_000,
                        () -> !query(prom, "sinkwatch_alerts_active{severity=\"critical\"} > 0").isEmpty(), app);

                Map<String, String> queries = panelQueries();
                Map<String, Integer> seriesCount = new LinkedHashMap<>();
                long deadline = System.currentTimeMillis() + 60_000;
                List<String> missing;
                do {
                    for (Map.Entry<String, String> q : queries.entrySet()) {
                        seriesCount.put(q.getKey(), query(prom, q.getValue()).size());
                    }
                    missing = seriesCount.entrySet().stream().filter(e -> e.getValue() == 0)
                            .map(Map.Entry::getKey).filter(where -> !NO_DATA_EXPECTED.containsKey(panel(where)))
                            .toList();
                    if (!missing.isEmpty()) {
                        Thread.sleep(1000);
                    }
                } while (!missing.isEmpty() && System.currentTimeMillis() < deadline);

                seriesCount.forEach((where, n) -> System.out.printf("%3d series  %s%n", n, where));
                List<String> report = new ArrayList<>();
                for (String where : missing) {
                    report.add(where + "\n      " + queries.get(where));
                }
                assertTrue(missing.isEmpty(), "panel queries without data:\n  " + String.join("\n  ", report)
                        + "\n" + collector.tail());

                variablesHaveValues(prom);
                shippedRuleFires(prom);
                labelsAreBounded(get(api + "/metrics").body(), prom);
            }
        }
    }

    /** One malformed body (a decode error) and one record without {@code sinkwatch.key} (a rejected record). */
    private void provokeIngestErrors(String otlp) throws Exception {
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(otlp))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x0a, 0x7f})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
        String record = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"%s"}}]},
                 "scopeLogs":[{"scope":{"name":"dashboards-it"},"logRecords":[{"timeUnixNano":"1",
                  "attributes":[{"key":"event.name","value":{"stringValue":"sinkwatch.sink.delta"}},
                                {"key":"sinkwatch.sink.kind","value":{"stringValue":"file"}}]}]}]}]}
                """.formatted(SERVICE);
        HttpResponse<String> partial = http.send(HttpRequest.newBuilder(URI.create(otlp))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(record)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, partial.statusCode(), partial.body());
        assertTrue(partial.body().contains("\"rejectedLogRecords\""), partial.body());
    }

    /** "uid / panel title / refId" → the PromQL Grafana would send. */
    private static Map<String, String> panelQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Artifacts.Dashboard d : Artifacts.dashboards()) {
            Map<String, String> values = Queries.substitutions(d);
            for (JsonNode panel : d.panels()) {
                for (JsonNode target : panel.path("targets")) {
                    queries.put(d.uid() + " / " + panel.path("title").asText() + " / " + target.path("refId").asText(),
                            Queries.resolve(target.path("expr").asText(), values));
                }
            }
        }
        return queries;
    }

    private static String panel(String where) {
        return where.substring(0, where.lastIndexOf(" / "));
    }

    /** The dashboards' query variables ({@code label_values(selector, label)}) list at least one value. */
    private void variablesHaveValues(String prom) throws Exception {
        for (Artifacts.Dashboard d : Artifacts.dashboards()) {
            Map<String, String> values = Queries.substitutions(d);
            for (JsonNode variable : d.variables()) {
                if (!variable.path("type").asText().equals("query")) {
                    continue;
                }
                String definition = variable.path("query").path("query").asText(variable.path("definition").asText());
                String[] lv = Queries.labelValues(Queries.resolve(definition, values));
                assertTrue(lv != null, d.uid() + ": variable " + variable.path("name") + " is not label_values: "
                        + definition);
                JsonNode body = json(get(prom + "/api/v1/label/" + lv[1] + "/values?match[]=" + encode(lv[0])));
                assertTrue(body.path("data").size() > 0, d.uid() + ": variable " + variable.path("name").asText()
                        + " has no values: " + body);
            }
        }
    }

    /** Prometheus evaluates the shipped rules on the real metrics: the critical sinkwatch alert fires. */
    private void shippedRuleFires(String prom) throws Exception {
        Predicate<JsonNode> critical = a -> a.path("labels").path("alertname").asText()
                .equals("SinkwatchCriticalAlertsFiring") && a.path("state").asText().equals("firing");
        await("SinkwatchCriticalAlertsFiring firing in Prometheus", 30_000, () -> {
            for (JsonNode alert : json(get(prom + "/api/v1/alerts")).path("data").path("alerts")) {
                if (critical.test(alert)) {
                    return true;
                }
            }
            return false;
        }, null);
        JsonNode rules = json(get(prom + "/api/v1/rules"));
        int loaded = 0;
        for (JsonNode group : rules.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertEquals("ok", rule.path("health").asText(), rule.toString());
                loaded++;
            }
        }
        assertEquals(Artifacts.alertingRules().size(), loaded, "rules Prometheus loaded");
    }

    /** Label names of {@code /metrics} inside the allow-list; values bounded (no call site, target, path). */
    private void labelsAreBounded(String exposition, String prom) throws Exception {
        Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s");
        Pattern label = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
        Set<String> services = new TreeSet<>();
        int sinkwatchSamples = 0;
        for (String line : exposition.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = sample.matcher(line);
            assertTrue(m.find(), "unparsable sample: " + line);
            String name = m.group(1);
            boolean own = name.startsWith("sinkwatch_");
            sinkwatchSamples += own ? 1 : 0;
            Set<String> allowed = own ? SINKWATCH_LABELS : JVM_LABELS;
            Matcher l = label.matcher(m.group(2) == null ? "" : m.group(2));
            while (l.find()) {
                String key = l.group(1);
                String value = l.group(2);
                assertTrue(allowed.contains(key), "label " + key + " outside the allow-list " + allowed + ": " + line);
                assertFalse(value.contains("com.example") || value.contains("WatchedApp") || value.contains("canary")
                        || value.contains(work.toString()) || value.contains("sh -c"),
                        "call site or target in a label: " + line);
                if (own) {
                    assertFalse(value.contains("/"), "a path in a label: " + line);
                    assertTrue(value.length() <= 64, "a long label value: " + line);
                }
                switch (key) {
                    case "service" -> services.add(value);
                    case "kind" -> assertTrue(KINDS.contains(value), line);
                    case "severity" -> assertTrue(Set.of("critical", "warning", "info").contains(value), line);
                    case "detector" -> assertTrue(value.matches("[a-z_]+(\\.[a-z_]+)?"), line);
                    default -> { }
                }
            }
        }
        assertTrue(sinkwatchSamples > 20, "sinkwatch samples: " + sinkwatchSamples);
        assertEquals(Set.of(SERVICE), services, "service label values");

        // What Prometheus stored: the same names plus its own target labels.
        JsonNode names = json(get(prom + "/api/v1/labels?match[]=" + encode("{__name__=~\"sinkwatch_.+\"}")));
        for (JsonNode n : names.path("data")) {
            String key = n.asText();
            assertTrue(SINKWATCH_LABELS.contains(key) || Set.of("__name__", "job", "instance").contains(key),
                    "Prometheus holds sinkwatch series with label " + key);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private List<JsonNode> query(String prom, String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = get(prom + "/api/v1/query?query=" + encode(promql));
        JsonNode body = Artifacts.JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus refused " + promql + ": " + response.body());
        }
        List<JsonNode> result = new ArrayList<>();
        body.path("data").path("result").forEach(result::add);
        return result;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return Artifacts.JSON.readTree(response.body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, long timeoutMillis, Condition condition, ChildProcess watched)
            throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
                last = null;
            } catch (IOException e) {
                last = e; // not listening yet
            }
            if (watched != null && !watched.alive()) {
                throw new AssertionError(what + ": process exited\n" + watched.tail());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + (last == null ? "" : " (" + last + ")")
                + (watched == null ? "" : "\n" + watched.tail()));
    }

    private static Path file(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        assertTrue(Files.exists(path), path + " missing (build it: mvn -B -pl agent,collector -am package -DskipTests)");
        return path;
    }
}
