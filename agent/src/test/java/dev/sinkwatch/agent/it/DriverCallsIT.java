package dev.sinkwatch.agent.it;

import com.example.sinkapp.drivercalls.DriverCallsApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent does not call back into the driver on the hot path: a pool-like wrapper over a real H2 connection counts
 * {@code isClosed} and {@code getMetaData} on the connection and its statements through 200 prepares and 12
 * long-lived statements, and sees none; a connection nothing names the database of is asked {@code getMetaData} once
 * for 30 prepares. Its queries are still recorded with their database.
 */
class DriverCallsIT {

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theDriverIsNotCalledBackOnTheHotPath(Jdk jdk) throws Exception {
        AppRun.Result without = AppRun.of(jdk, DriverCallsApp.class).run().assertSucceeded();
        assertTrue(without.stdout().contains("hot path: isClosed=0 getMetaData=0"), without.stdout());
        assertTrue(without.stdout().contains("unexplained connection: isClosed=0 getMetaData=0"), without.stdout());

        AppRun.Result with = AppRun.of(jdk, DriverCallsApp.class)
                .withAgent("exporter=console,app.packages=com.example.sinkapp.drivercalls").run().assertSucceeded();
        assertTrue(with.stdout().contains("hot path: isClosed=0 getMetaData=0"), with.stdout());
        assertTrue(with.stdout().contains("unexplained connection: isClosed=0 getMetaData=1"), with.stdout());
        assertEquals("h2", one(with, "hot-query").path("attributes").path("db.system.name").asText());
        assertEquals("h2", one(with, "unexplained-query").path("attributes").path("db.system.name").asText());
    }

    private static JsonNode one(AppRun.Result run, String label) {
        int line = SourceMarkers.line(DriverCallsApp.class, label);
        List<JsonNode> keys = run.keysAt("jdbc", "query", SourceMarkers.file(DriverCallsApp.class), line);
        assertEquals(1, keys.size(), () -> "one jdbc query key at DriverCallsApp.java:" + line + "; all keys:\n"
                + run.describeKeys());
        return keys.get(0);
    }
}
