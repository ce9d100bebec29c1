package dev.sinkwatch.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.http.ApiAccess;
import dev.sinkwatch.collector.http.ApiTokens;
import dev.sinkwatch.collector.http.HttpServers;
import dev.sinkwatch.collector.testing.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The API contract over real HTTP on port 0, against an in-memory alert layer. */
class ApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An alert as the API shows it, enough to check routing and filters. */
    public record FakeAlert(String id, String service, String status, String severity, String detector, String by) {
    }

    static final class FakeAlerts implements AlertApi {
        final Map<String, FakeAlert> alerts = new LinkedHashMap<>();
        final List<Query> queries = new ArrayList<>();
        final List<String> approved = new ArrayList<>();

        @Override
        public List<?> list(Query query) {
            if (query.status() != null && !List.of("firing", "resolved").contains(query.status())) {
                throw new IllegalArgumentException("unknown alert status '" + query.status() + "'");
            }
            if (query.severity() != null && !List.of("critical", "warning", "info").contains(query.severity())) {
                throw new IllegalArgumentException("unknown severity '" + query.severity() + "'");
            }
            queries.add(query);
            return alerts.values().stream()
                    .filter(a -> query.service() == null || a.service().equals(query.service()))
                    .filter(a -> query.status() == null || a.status().equals(query.status()))
                    .filter(a -> query.severity() == null || a.severity().equals(query.severity()))
                    .limit(query.limit()).toList();
        }

        @Override
        public Optional<?> get(String id) {
            return Optional.ofNullable(alerts.get(id));
        }

        @Override
        public Optional<?> acknowledge(String id, String by) {
            return Optional.ofNullable(alerts.computeIfPresent(id,
                    (k, a) -> new FakeAlert(a.id(), a.service(), "firing", a.severity(), a.detector(), by)));
        }

        @Override
        public Optional<?> approve(String id, String by) {
            approved.add(id);
            return Optional.ofNullable(alerts.computeIfPresent(id,
                    (k, a) -> new FakeAlert(a.id(), a.service(), "resolved", a.severity(), a.detector(), by)));
        }
    }

    FakeAlerts alerts;
    List<byte[]> uploads;
    HttpServers server;
    String base;

    @BeforeEach
    void start() throws Exception {
        alerts = new FakeAlerts();
        alerts.alerts.put("a1", new FakeAlert("a1", "orders", "firing", "critical", "sql.injection", null));
        alerts.alerts.put("a2", new FakeAlert("a2", "orders", "firing", "warning", "novelty.file", null));
        alerts.alerts.put("b1", new FakeAlert("b1", "billing", "resolved", "info", "stats.latency", null));
        uploads = new ArrayList<>();
        ServiceApi services = () -> List.of(Map.of("name", "orders", "versions", List.of("1.4.2"),
                "profiles", Map.of("learning", 1, "stable", 4)));
        AttributionApi attribution = (body, type) -> {
            if (body[0] != '{') {
                throw new IllegalArgumentException("not an attribution index");
            }
            uploads.add(body);
            return Map.of("loaded", true, "bytes", body.length);
        };
        server = start(alerts, services, attribution, "", "");
        base = "http://127.0.0.1:" + server.port();
    }

    /** @param readTokens, writeTokens {@code name:secret} pairs, empty for none */
    static HttpServers start(AlertApi alerts, ServiceApi services, AttributionApi attribution, String readTokens,
            String writeTokens) throws Exception {
        return HttpServers.start("test-api", "127.0.0.1", 0, 2, List.of(
                new HttpServers.Mount("/api/", ApiRouter.create(alerts, services, attribution,
                        service -> service.equals("orders") ? java.util.Optional.of(List.of(Map.of("file", "Orders.java")))
                                : java.util.Optional.empty()),
                        new ApiAccess(ApiTokens.parse("read", readTokens), ApiTokens.parse("write", writeTokens), "api")),
                HttpServers.Mount.open("/healthz", new HealthHandler(() -> Map.of("healthy", true, "queueDepth", 0))),
                HttpServers.Mount.open("/metrics", new PrometheusHandler(() -> "# HELP x y\n# TYPE x gauge\nx 1\n"))))
                .stopDelaySeconds(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    JsonNode getJson(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = Http.get(base + path);
        assertEquals(expectedStatus, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(response.body());
    }

    @Test
    @DisplayName("GET /api/alerts lists alerts with filters and a limit")
    void list() throws Exception {
        assertEquals(3, getJson("/api/alerts", 200).get("count").asInt());
        JsonNode filtered = getJson("/api/alerts?service=orders&status=firing&severity=critical&limit=5", 200);
        assertEquals(1, filtered.get("count").asInt());
        assertEquals("a1", filtered.get("alerts").get(0).get("id").asText());
        assertEquals(new AlertApi.Query("orders", "firing", "critical", 5), alerts.queries.get(1));
        assertEquals(100, alerts.queries.get(0).limit(), "default limit");
        assertEquals(2, getJson("/api/alerts?limit=2", 200).get("count").asInt());
    }

    @Test
    @DisplayName("bad filters get 400 with a reason")
    void badFilters() throws Exception {
        assertTrue(getJson("/api/alerts?status=closed", 400).get("error").asText().contains("status"));
        assertTrue(getJson("/api/alerts?severity=high", 400).get("error").asText().contains("severity"));
        assertTrue(getJson("/api/alerts?limit=0", 400).get("error").asText().contains("limit"));
        assertTrue(getJson("/api/alerts?limit=x", 400).get("error").asText().contains("limit"));
        assertTrue(getJson("/api/alerts?sevrity=info", 400).get("error").asText().contains("sevrity"));
    }

    @Test
    @DisplayName("GET /api/attribution/regions needs a service, and says how to get an index when there is none")
    void aiRegions() throws Exception {
        JsonNode orders = getJson("/api/attribution/regions?service=orders", 200);
        assertEquals(1, orders.get("count").asInt());
        assertEquals("Orders.java", orders.get("regions").get(0).get("file").asText());
        assertTrue(getJson("/api/attribution/regions?service=billing", 404).get("error").asText()
                .contains("POST it to /api/attribution"));
        assertTrue(getJson("/api/attribution/regions", 400).get("error").asText().contains("service"));
    }

    @Test
    @DisplayName("GET /api/alerts/{id} returns the alert or 404")
    void get() throws Exception {
        assertEquals("sql.injection", getJson("/api/alerts/a1", 200).get("detector").asText());
        assertEquals("no alert nope", getJson("/api/alerts/nope", 404).get("error").asText());
    }

    @Test
    @DisplayName("POST /api/alerts/{id}/ack acknowledges; without tokens (loopback) the actor is 'local', never the body's")
    void ack() throws Exception {
        HttpResponse<String> response = Http.postJson(base + "/api/alerts/a1/ack", "{\"by\":\"mallory\"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode alert = JSON.readTree(response.body());
        assertEquals("firing", alert.get("status").asText());
        assertEquals("local", alert.get("by").asText());
        HttpResponse<String> header = Http.postJson(base + "/api/alerts/a2/ack", "", "X-Sinkwatch-User", "bob");
        assertEquals("local", JSON.readTree(header.body()).get("by").asText());
        assertEquals(404, Http.postJson(base + "/api/alerts/zzz/ack", "").statusCode());
    }

    @Test
    @DisplayName("writes need application/json and refuse cross-site browser requests; the alert stays open")
    void crossSiteWritesRefused() throws Exception {
        String url = base + "/api/alerts/a2/approve";
        HttpResponse<byte[]> plain = Http.post(url, "text/plain", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, plain.statusCode());
        assertEquals(403, Http.postJson(url, "{}", "Origin", "http://evil.example").statusCode());
        assertEquals(403, Http.postJson(url, "{}", "Sec-Fetch-Site", "cross-site").statusCode());
        assertEquals(403, Http.postJson(url, "{}", "Sec-Fetch-Site", "same-site").statusCode());
        assertEquals(List.of(), alerts.approved, "nothing was approved");
        assertEquals(200, Http.postJson(url, "{}", "Origin", base, "Sec-Fetch-Site", "same-origin").statusCode());
        assertEquals(List.of("a2"), alerts.approved);
    }

    @Test
    @DisplayName("POST /api/alerts/{id}/approve approves into the baseline and resolves")
    void approve() throws Exception {
        HttpResponse<String> response = Http.postJson(base + "/api/alerts/a2/approve", "{}");
        assertEquals(200, response.statusCode());
        assertEquals("resolved", JSON.readTree(response.body()).get("status").asText());
        assertEquals(List.of("a2"), alerts.approved);
    }

    @Test
    @DisplayName("GET /api/services lists services, versions and profile states")
    void services() throws Exception {
        JsonNode services = getJson("/api/services", 200);
        assertEquals(1, services.get("count").asInt());
        assertEquals(4, services.get("services").get(0).get("profiles").get("stable").asInt());
    }

    @Test
    @DisplayName("POST /api/attribution uploads an index; a bad one gets 400")
    void attribution() throws Exception {
        assertEquals(200, Http.postJson(base + "/api/attribution", "{\"version\":1}").statusCode());
        assertEquals(1, uploads.size());
        HttpResponse<String> bad = Http.postJson(base + "/api/attribution", "garbage");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("not an attribution index"));
        assertEquals(400, Http.postJson(base + "/api/attribution", "").statusCode());
    }

    @Test
    @DisplayName("unknown paths 404, wrong methods 405")
    void routing() throws Exception {
        getJson("/api/nothing", 404);
        getJson("/api/alerts/a1/ack", 405);
        assertEquals(405, Http.postJson(base + "/api/alerts", "{}").statusCode());
        getJson("/api/alerts/a1/", 200);
    }

    @Test
    @DisplayName("/healthz and /metrics answer")
    void healthAndMetrics() throws Exception {
        assertEquals("ok", getJson("/healthz", 200).get("status").asText());
        HttpResponse<String> metrics = Http.get(base + "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    }

    @Test
    @DisplayName("read tokens read, write tokens write and are recorded by name; /healthz and /metrics stay open")
    void tokens() throws Exception {
        String reader = "Bearer r3ad-0123456789abcdef";
        String writer = "Bearer wr1te-0123456789abcdef";
        try (HttpServers secured = start(alerts, List::of, (b, t) -> Map.of(), "grafana:r3ad-0123456789abcdef",
                "alice:wr1te-0123456789abcdef")) {
            String url = "http://127.0.0.1:" + secured.port();
            assertEquals(401, Http.get(url + "/api/alerts").statusCode());
            assertEquals(401, Http.get(url + "/api/alerts", "Authorization", "Bearer wrong-0123456789abcdef")
                    .statusCode());
            assertEquals(200, Http.get(url + "/api/alerts", "Authorization", reader).statusCode());
            assertEquals(200, Http.get(url + "/api/alerts", "Authorization", writer).statusCode());
            assertEquals(403, Http.postJson(url + "/api/alerts/a1/ack", "{}", "Authorization", reader).statusCode());
            assertEquals(401, Http.postJson(url + "/api/alerts/a1/ack", "{}").statusCode());
            HttpResponse<String> ack = Http.postJson(url + "/api/alerts/a1/ack", "{\"by\":\"mallory\"}",
                    "Authorization", writer);
            assertEquals(200, ack.statusCode(), ack.body());
            assertEquals("alice", JSON.readTree(ack.body()).get("by").asText(), "the token's name acted");
            assertEquals(200, Http.get(url + "/healthz").statusCode());
            assertEquals(200, Http.get(url + "/metrics").statusCode());
        }
    }
}
