package dev.sinkwatch.agent.it;

import com.example.sinkapp.JdbcApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDBC scenario, run by one thin subclass per database with its real driver: the real agent is attached to
 * {@link JdbcApp} in a real JVM, on every JDK, and each JDBC call must be keyed to the exact application line that
 * made it — also through HikariCP and Spring's JdbcTemplate, and on a worker thread.
 */
abstract class AbstractJdbcIT {

    abstract String url();

    abstract String user();

    abstract String password();

    /** {@code db.system.name} the agent must report. */
    abstract String system();

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everyJdbcCallIsKeyedToTheApplicationLineThatMadeIt(Jdk jdk) throws Exception {
        AppRun.Result run = AppRun.of(jdk, JdbcApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args(url(), user(), password())
                .run().assertSucceeded();

        JsonNode connect = only(run, "connect", "connect");
        assertEquals(system(), connect.path("attributes").path("db.system.name").asText());

        only(run, "execute", "drop", "DROP TABLE IF EXISTS sw_orders");
        only(run, "batch", "batch", "INSERT INTO sw_orders (id, customer, total) VALUES (?, ?, ?)");
        JsonNode select = only(run, "query", "statement-query", "SELECT * FROM sw_orders WHERE id = ? AND customer <> ?");
        assertEquals(system(), select.path("attributes").path("db.system.name").asText());
        assertEquals(select.path("target").asText(), select.path("attributes").path("db.query.text").asText());
        only(run, "query", "prepared-query", "SELECT total FROM sw_orders WHERE customer = ?");
        only(run, "update", "update", "UPDATE sw_orders SET total = ? WHERE id = ?");
        only(run, "query", "template-query", "SELECT customer FROM sw_orders WHERE total > ?");
        only(run, "update", "template-update", "DELETE FROM sw_orders WHERE id = ?");
        JsonNode worker = only(run, "query", "worker-query", "SELECT COUNT(*) FROM sw_orders");
        assertEquals("order-worker", worker.path("attributes").path("thread.name").asText());

        assertFalse(run.console().contains("mallory"), "an SQL literal left the JVM:\n" + run.console());
        assertFalse(run.console().contains("password="), "a URL credential left the JVM:\n" + run.console());
        if (!password().isEmpty()) {
            assertFalse(run.console().contains(password()), "the password left the JVM:\n" + run.console());
        }
    }

    private static JsonNode only(AppRun.Result run, String operation, String label) {
        int line = SourceMarkers.line(JdbcApp.class, label);
        List<JsonNode> keys = run.keysAt("jdbc", operation, SourceMarkers.file(JdbcApp.class), line);
        assertEquals(1, keys.size(), () -> "one jdbc " + operation + " key at JdbcApp.java:" + line + " (" + label
                + "), got " + keys.size() + "; all keys:\n" + run.describeKeys());
        JsonNode key = keys.get(0);
        assertTrue(key.path("callSite").path("class").asText().startsWith(JdbcApp.class.getName()), key::toString);
        assertEquals("app", key.path("attributes").path("sinkwatch.callsite.origin").asText(), key::toString);
        assertTrue(key.path("frames").get(0).asText().contains("JdbcApp.java:" + line), key::toString);
        return key;
    }

    private static JsonNode only(AppRun.Result run, String operation, String label, String fingerprint) {
        JsonNode key = only(run, operation, label);
        assertEquals(fingerprint, key.path("target").asText(), () -> "fingerprint at " + label + ": " + key);
        return key;
    }
}
