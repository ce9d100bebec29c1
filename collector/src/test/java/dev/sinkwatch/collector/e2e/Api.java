package dev.sinkwatch.collector.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.testing.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The collector's API as the end-to-end tests use it (here and in the demo module's): real HTTP. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public List<JsonNode> alerts() throws Exception {
        HttpResponse<String> response = Http.get(base + "/api/alerts?limit=1000");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/alerts: " + response.statusCode() + " " + response.body());
        }
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(response.body()).get("alerts").forEach(list::add);
        return list;
    }

    public JsonNode get(String path) throws Exception {
        HttpResponse<String> response = Http.get(base + path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = Http.postJson(base + path, json);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public String metrics() throws Exception {
        return Http.get(base + "/metrics").body();
    }

    public boolean healthy() {
        try {
            return Http.get(base + "/healthz").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls until an alert matching {@code match} appears; null after {@code timeoutMillis}. */
    public JsonNode awaitAlert(Predicate<JsonNode> match, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        do {
            for (JsonNode alert : alerts()) {
                if (match.test(alert)) {
                    return alert;
                }
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }
}
