package dev.sinkwatch.agent.it;

import com.example.sinkapp.QuerySinksApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LDAP searches against a real in-memory directory, XPath compile and evaluate, a prepare H2 refuses and a child
 * given an environment variable are each keyed to the line that made them, shaped with their values folded; file
 * probes outside any request are not recorded at all.
 */
class QuerySinksIT {

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void queryLanguagesFailedPreparesAndEnvironmentsAreShaped(Jdk jdk, @TempDir Path work) throws Exception {
        AppRun.Result run = AppRun.of(jdk, QuerySinksApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args(work.toRealPath())
                .run().assertSucceeded();
        assertEquals("(&(uid=?)(objectClass=?))", one(run, "ldap", "search", "ldap-search").path("target").asText());
        assertEquals("(uid=?)", one(run, "ldap", "search", "ldap-args").path("target").asText(),
                "a filter argument is a value of the expression");
        assertEquals("//user[name=?]/role", one(run, "xpath", "compile", "xpath-compile").path("target").asText());
        assertEquals("count(//user[@id=?])", one(run, "xpath", "evaluate", "xpath-evaluate").path("target")
                .asText());

        JsonNode prepare = one(run, "jdbc", "prepare", "prepare-failed");
        assertEquals("SELECT name FROM users WHERE name = ?", prepare.path("target").asText());
        assertEquals("error", prepare.path("outcome").asText());
        assertTrue(prepare.path("attributes").path("error.type").asText().contains("SQL"), prepare::toString);

        assertEquals("GREETING=? true", one(run, "process", "exec", "env").path("target").asText());

        assertEquals(List.of(), run.newKeys().stream().filter(k -> k.path("operation").asText().equals("probe"))
                .toList(), "no probe is recorded outside a request");
        assertFalse(run.console().contains("alice"), "a value left the JVM");
    }

    private static JsonNode one(AppRun.Result run, String kind, String operation, String label) {
        int line = SourceMarkers.line(QuerySinksApp.class, label);
        List<JsonNode> keys = run.keysAt(kind, operation, SourceMarkers.file(QuerySinksApp.class), line);
        assertEquals(1, keys.size(), () -> "one " + kind + " " + operation + " key at QuerySinksApp.java:" + line
                + " (" + label + "); all keys:\n" + run.describeKeys() + "\nstderr:\n" + run.stderr());
        return keys.get(0);
    }
}
