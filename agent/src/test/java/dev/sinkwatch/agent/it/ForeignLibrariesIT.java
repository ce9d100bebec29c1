package dev.sinkwatch.agent.it;

import com.example.sinkapp.ForeignLibsApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application carrying its own Byte Buddy (1.14), OpenTelemetry API (1.58) and Micrometer (1.16) works the
 * same with the agent (which shades Byte Buddy 1.18 and OpenTelemetry 1.68), and its global OpenTelemetry is left
 * alone.
 */
class ForeignLibrariesIT {

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    private static List<Path> appClasspath() throws IOException {
        Path foreign = Path.of(System.getProperty("sinkwatch.it.foreignLibs", "target/it-libs/foreign"));
        List<Path> cp = new ArrayList<>();
        cp.add(AppRun.testClasses());
        try (Stream<Path> jars = Files.list(foreign)) {
            cp.addAll(jars.filter(p -> p.toString().endsWith(".jar")).collect(Collectors.toList()));
        }
        assertEquals(8, cp.size(), "test classes and seven foreign jars: " + cp);
        return cp;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theApplicationsOwnLibrariesWorkAsWithoutTheAgent(Jdk jdk) throws Exception {
        List<Path> cp = appClasspath();
        AppRun.Result without = AppRun.of(jdk, ForeignLibsApp.class).classpath(cp).run().assertSucceeded();
        AppRun.Result with = AppRun.of(jdk, ForeignLibsApp.class).classpath(cp)
                .withAgent("exporter=console,app.packages=com.example").run().assertSucceeded();

        assertTrue(without.stdout().contains("byte buddy from byte-buddy-1.14.19.jar"), without.stdout());
        assertTrue(without.stdout().contains("tracer false"), "the app's global OpenTelemetry is a no-op: " + without.stdout());
        assertTrue(without.stdout().contains("micrometer 3.0"), without.stdout());
        assertEquals(without.stdout(), with.stdout());
        int line = SourceMarkers.line(ForeignLibsApp.class, "foreign-write");
        assertEquals(1, with.keysAt("file", "write", "ForeignLibsApp.java", line).size(), with::describeKeys);
    }
}
