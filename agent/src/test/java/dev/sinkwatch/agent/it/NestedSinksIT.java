package dev.sinkwatch.agent.it;

import com.example.sinkapp.NestedSinksApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Depth is tracked per sink kind: a process started inside a JNDI lookup, and a process and a file read run inside a
 * JDBC driver's connect (H2 {@code INIT=RUNSCRIPT} calling a Java alias), are recorded at their own call sites, and
 * the outer lookup and connect are recorded too.
 */
class NestedSinksIT {

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void sinksInsideOtherSinksAreRecordedAtTheirOwnCallSites(Jdk jdk) throws Exception {
        AppRun.Result run = AppRun.of(jdk, NestedSinksApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .run().assertSucceeded();
        one(run, "jndi", "lookup", "lookup");
        one(run, "process", "exec", "exec-in-lookup");
        one(run, "jdbc", "connect", "connect");
        one(run, "process", "exec", "exec-in-connect");
        one(run, "file", "read", "read-in-connect");
    }

    private static JsonNode one(AppRun.Result run, String kind, String operation, String label) {
        int line = SourceMarkers.line(NestedSinksApp.class, label);
        List<JsonNode> keys = run.keysAt(kind, operation, SourceMarkers.file(NestedSinksApp.class), line);
        assertEquals(1, keys.size(), () -> "one " + kind + " " + operation + " key at NestedSinksApp.java:" + line
                + " (" + label + "); all keys:\n" + run.describeKeys() + "\nstderr:\n" + run.stderr());
        return keys.get(0);
    }
}
