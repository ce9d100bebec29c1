package dev.sinkwatch.agent.it;

import com.example.sinkapp.MemoryApp;
import com.example.sinkapp.webapp.OrdersWebApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent holds nothing the application let go: a redeployed web application's class loader (its own H2 driver,
 * statements run through it) and a connection the application dropped unclosed are both collected with the agent
 * attached, as they are without it.
 */
class MemoryIT {

    private static Path h2Jar() {
        return AppRun.classpathEntries().stream().filter(p -> p.getFileName().toString().startsWith("h2-"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no H2 jar on the test class path"));
    }

    @Test
    void aRedeployedWebAppsLoaderAndADroppedConnectionAreCollected() throws Exception {
        AppRun.Result without = AppRun.of(Jdk.all().get(0), MemoryApp.class)
                .args(AppRun.testClasses(), h2Jar()).run().assertSucceeded();
        assertTrue(without.stdout().contains("loader collected"), "the test's premise: " + without.stdout());
        assertTrue(without.stdout().contains("connection collected"), "the test's premise: " + without.stdout());

        AppRun.Result with = AppRun.of(Jdk.all().get(0), MemoryApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args(AppRun.testClasses(), h2Jar()).run().assertSucceeded();
        assertTrue(with.stdout().contains("loader collected"), with.stdout() + with.stderr());
        assertTrue(with.stdout().contains("connection collected"), with.stdout() + with.stderr());

        // The agent did watch: the web app's statements and the dropped connection's query were recorded.
        String webapp = SourceMarkers.file(OrdersWebApp.class);
        assertEquals(1, with.keysAt("jdbc", "update", webapp, SourceMarkers.line(OrdersWebApp.class, "webapp-insert"))
                .size(), with::describeKeys);
        assertEquals(1, with.keysAt("jdbc", "query", webapp, SourceMarkers.line(OrdersWebApp.class, "webapp-query"))
                .size(), with::describeKeys);
        assertEquals(1, with.keysAt("jdbc", "query", SourceMarkers.file(MemoryApp.class),
                SourceMarkers.line(MemoryApp.class, "dropped-query")).size(), with::describeKeys);
    }
}
