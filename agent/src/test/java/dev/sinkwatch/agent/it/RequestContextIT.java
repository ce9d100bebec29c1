package dev.sinkwatch.agent.it;

import com.example.requestapp.JavaxRequestApp;
import com.example.requestapp.RequestApp;
import com.example.requestapp.SpringApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request context beyond the servlet thread, and what may be done with a verdict: work handed to an executor or
 * to {@code CompletableFuture.supplyAsync} is judged against the request that handed it over, and the pool thread
 * forgets the request when the task ends; the older {@code javax.servlet} API (Jetty 9) is read like the jakarta one;
 * {@code sinkwatch.block} stops an input-correlated call before the sink runs, the application answers with its own
 * error handling, and other requests are unaffected. A marker in the attack's value never appears in what is
 * exported.
 */
class RequestContextIT {

    private static final String MARKER = "Zq7marker";
    private static final String ATTACK = MARKER + "' OR '1'='1";

    @Test
    @DisplayName("work handed to an executor or supplyAsync keeps the request's inputs; the pool forgets them after; "
            + "an object stream over the request body is correlated")
    void executorHandOffKeepsTheRequestContext() throws Exception {
        AppRun.Result run = AppRun.of(Jdk.all().get(0), RequestApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args("/pool?name=" + ATTACK, "/async?name=" + ATTACK, "/cart")
                .run().assertSucceeded();
        assertTrue(run.stdout().contains("/pool 200 found: alice bob"), run.stdout());
        assertTrue(run.stdout().contains("/cart 200 found: [apple, pear]"), run.stdout());
        assertTrue(run.stdout().contains("/async 200 found: alice bob"), run.stdout());

        correlated(run, "pool");
        correlated(run, "async");
        // The same attack string, submitted from the main thread to the same one-thread pool right after: the
        // pool thread no longer serves the request, so the call is neither correlated nor in a request.
        List<JsonNode> fromMain = at(run, "pool").stream()
                .filter(k -> !k.path("attributes").has("sinkwatch.input.rule")).toList();
        assertEquals(1, fromMain.size(), run.describeKeys());
        assertEquals("false", fromMain.get(0).path("attributes").path("sinkwatch.request").asText(),
                fromMain.get(0).toString());
        assertFalse(run.console().contains(MARKER), "the raw input never leaves the JVM:\n" + run.console());

        // An object stream over the request's body: every class it resolves is the client's choice. The copy
        // the servlet deserializes from its own bytes is not the request's.
        JsonNode body = correlatedAt(run, RequestApp.class, "deserialization", "cart", "deserialization.body");
        assertEquals("body.stream", body.path("attributes").path("sinkwatch.input.name").asText(), body.toString());
        int copyLine = SourceMarkers.line(RequestApp.class, "cart-copy");
        List<JsonNode> copies = run.newKeys().stream().filter(k -> k.path("kind").asText().equals("deserialization")
                && k.path("callSite").path("line").asInt() == copyLine).toList();
        assertFalse(copies.isEmpty(), run.describeKeys());
        assertTrue(copies.stream().noneMatch(k -> k.path("attributes").has("sinkwatch.input.rule")),
                copies.toString());
    }

    @Test
    @DisplayName("asynchronous requests keep their own inputs: AsyncContext.start carries them, a request served on a "
            + "pool thread carrying another request's inputs opens its own, and the thread that served that other "
            + "request forgets it")
    void asyncRequestsKeepTheirOwnInputs() throws Exception {
        String later = MARKER + "' OR 'y'='y";
        AppRun.Result run = AppRun.of(Jdk.all().get(0), RequestApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args("/started?name=" + ATTACK, "/wait?name=" + ATTACK, "/publish?name=alice",
                        "/direct?name=" + later)
                .run().assertSucceeded();
        assertEquals(List.of("/started 200 found: alice bob", "/publish 200 published", "/wait 200 found: alice bob",
                "/direct 200 found: alice bob"), run.stdout().lines().toList().subList(0, 4), run.stdout());
        correlated(run, "started");
        correlated(run, "continued");
        // The one request thread served /publish while its inputs were carried to the continued request: it
        // serves the next request with that request's inputs, not /publish's.
        correlated(run, "direct");
        assertFalse(run.console().contains(MARKER), "the raw input never leaves the JVM:\n" + run.console());
    }

    @Test
    @DisplayName("javax.servlet requests (Jetty 9) are read like jakarta ones")
    void javaxServletRequestsAreCorrelated() throws Exception {
        AppRun.Result run = AppRun.of(Jdk.all().get(0), JavaxRequestApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args("bob", ATTACK)
                .run().assertSucceeded();
        assertTrue(run.stdout().contains("200 found: alice bob"), run.stdout());
        int line = SourceMarkers.line(JavaxRequestApp.class, "javax-query");
        List<JsonNode> keys = run.keysAt("jdbc", "query", SourceMarkers.file(JavaxRequestApp.class), line);
        JsonNode attack = keys.stream().filter(k -> k.path("attributes").has("sinkwatch.input.rule")).findFirst()
                .orElseThrow(() -> new AssertionError("no correlated key; keys:\n" + run.describeKeys()
                        + "\nstderr:\n" + run.stderr()));
        assertEquals("query.name", attack.path("attributes").path("sinkwatch.input.name").asText(), attack.toString());
        JsonNode benign = keys.stream().filter(k -> !k.path("attributes").has("sinkwatch.input.rule")).findFirst()
                .orElseThrow(() -> new AssertionError("no benign key; keys:\n" + run.describeKeys()));
        assertEquals("true", benign.path("attributes").path("sinkwatch.request").asText(), benign.toString());
        assertFalse(run.console().contains(MARKER), run.console());
    }

    @Test
    @DisplayName("sinkwatch.block=sql.injection: the attack throws before the query runs, the app answers with its "
            + "own error, other requests are unaffected, and the record says it was blocked")
    void blockingStopsTheCallBeforeTheSinkRuns() throws Exception {
        AppRun.Result run = AppRun.of(Jdk.all().get(0), RequestApp.class)
                .withAgent("exporter=console,app.packages=com.example,block=sql.injection")
                .args("/direct?name=bob", "/direct?name=" + ATTACK, "/direct?name=alice", "/pool?name=" + ATTACK,
                        "/pool?name=bob")
                .run().assertSucceeded();
        List<String> lines = run.stdout().lines().toList();
        assertEquals(List.of("/direct 200 found: bob",
                "/direct 500 query failed: " + blockedClass(),
                "/direct 200 found: alice",
                "/pool 500 query failed: " + blockedClass(),
                "/pool 200 found: bob",
                "main bob"), lines.subList(0, 6), run.stdout() + run.stderr());
        JsonNode blocked = correlated(run, "direct");
        assertEquals("true", blocked.path("attributes").path("sinkwatch.input.blocked").asText(), blocked.toString());
        assertEquals("error", blocked.path("outcome").asText(), blocked.toString());
        assertEquals("true", correlated(run, "pool").path("attributes").path("sinkwatch.input.blocked").asText());
        assertFalse(run.console().contains(MARKER), run.console());
    }

    @Test
    @DisplayName("with blocking off (the default) the same attack runs and nothing is marked blocked")
    void withoutBlockingNothingChanges() throws Exception {
        AppRun.Result run = AppRun.of(Jdk.all().get(0), RequestApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args("/direct?name=bob", "/direct?name=" + ATTACK, "/direct?name=alice")
                .run().assertSucceeded();
        assertEquals(List.of("/direct 200 found: bob", "/direct 200 found: alice bob", "/direct 200 found: alice"),
                run.stdout().lines().toList().subList(0, 3), run.stdout());
        JsonNode attack = correlated(run, "direct");
        assertFalse(attack.path("attributes").has("sinkwatch.input.blocked"), attack.toString());
    }

    @Test
    @DisplayName("Spring MVC: a JSON @RequestBody field, a @PathVariable and a form field are named at the sink")
    void frameworkParsedInputsAreNamed() throws Exception {
        AppRun.Result run = AppRun.of(Jdk.all().get(0), SpringApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args(MARKER)
                .run().assertSucceeded();
        assertEquals(List.of("json-ssrf 200", "path-sql 200", "form-sql 200", "config-sql 200"), run.stdout().lines()
                .filter(l -> l.matches("[a-z-]+ \\d+")).toList(), run.stdout() + run.stderr());
        JsonNode ssrf = correlatedAt(run, SpringApp.class, "net", "json-ssrf", "net.ssrf");
        assertEquals("body.url", ssrf.path("attributes").path("sinkwatch.input.name").asText(), ssrf.toString());
        assertEquals("body", ssrf.path("attributes").path("sinkwatch.input.source").asText(), ssrf.toString());
        assertEquals("loopback", ssrf.path("attributes").path("sinkwatch.destination.class").asText(), ssrf.toString());
        JsonNode path = correlatedAt(run, SpringApp.class, "jdbc", "path-sql", "sql.injection");
        assertEquals("path.name", path.path("attributes").path("sinkwatch.input.name").asText(), path.toString());
        JsonNode form = correlatedAt(run, SpringApp.class, "jdbc", "form-sql", "sql.injection");
        assertEquals("body.name", form.path("attributes").path("sinkwatch.input.name").asText(), form.toString());
        // JSON from a configuration file, another service's response and a string, parsed while serving a request
        // whose own JSON body is read: SQL in those strings is not the request's input.
        List<JsonNode> report = run.keysAt("jdbc", "query", SourceMarkers.file(SpringApp.class),
                SourceMarkers.line(SpringApp.class, "config-sql"));
        assertFalse(report.isEmpty(), run.describeKeys());
        assertTrue(report.stream().noneMatch(k -> k.path("attributes").has("sinkwatch.input.rule")),
                report.toString());
        assertFalse(run.console().contains(MARKER), "the raw input never leaves the JVM:\n" + run.console());
    }

    private static JsonNode correlatedAt(AppRun.Result run, Class<?> app, String kind, String label, String rule) {
        int line = SourceMarkers.line(app, label);
        List<JsonNode> keys = run.newKeys().stream()
                .filter(k -> k.path("kind").asText().equals(kind))
                .filter(k -> k.path("callSite").path("file").asText().equals(SourceMarkers.file(app)))
                .filter(k -> k.path("callSite").path("line").asInt() == line)
                .filter(k -> rule.equals(k.path("attributes").path("sinkwatch.input.rule").asText())).toList();
        assertEquals(1, keys.size(), () -> "one " + rule + " key at " + label + "; keys:\n" + run.describeKeys()
                + "\nstderr:\n" + run.stderr());
        return keys.get(0);
    }

    private static String blockedClass() {
        return "dev.sinkwatch.agent.bootstrap.SinkBlockedException";
    }

    private static List<JsonNode> at(AppRun.Result run, String label) {
        return run.keysAt("jdbc", "query", SourceMarkers.file(RequestApp.class),
                SourceMarkers.line(RequestApp.class, label));
    }

    /** The one input-correlated key at the labelled call site, naming query.name. */
    private static JsonNode correlated(AppRun.Result run, String label) {
        List<JsonNode> keys = at(run, label).stream()
                .filter(k -> k.path("attributes").has("sinkwatch.input.rule")).toList();
        assertEquals(1, keys.size(), () -> "one correlated key at " + label + "; keys:\n" + run.describeKeys()
                + "\nstderr:\n" + run.stderr());
        JsonNode key = keys.get(0);
        assertEquals("sql.injection", key.path("attributes").path("sinkwatch.input.rule").asText(), key.toString());
        assertEquals("query.name", key.path("attributes").path("sinkwatch.input.name").asText(), key.toString());
        assertEquals("true", key.path("attributes").path("sinkwatch.request").asText(), key.toString());
        return key;
    }
}
