package dev.sinkwatch.agent.it;

import com.example.sinkapp.BehaviourApp;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent jar finds its sink modules through {@code META-INF/services}, and {@code sinkwatch.sinks} chooses among
 * them: a disabled kind's classes are never transformed and its calls never recorded, while the application runs as
 * it does without the agent.
 */
class SinkSelectionIT {
    private static final List<String> FILE_AND_OTHER_TYPES = List.of("java.io.FileInputStream",
            "java.io.FileOutputStream", "sun.nio.fs.UnixFileSystemProvider", "java.io.File", "java.lang.ProcessBuilder",
            "java.io.ObjectInputStream", "javax.naming.InitialContext");

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everyDeclaredKindIsWatchedByDefaultAndADisabledKindsTypesAreLeftUntouched(Jdk jdk, @TempDir Path work)
            throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        AppRun.Result all = AppRun.of(jdk, BehaviourApp.class)
                .withAgent("exporter=console,app.packages=com.example,debug=true")
                .args(work, closedPort).run().assertSucceeded();
        assertTrue(all.stderr().contains(" watching jdbc,file,net,process,deserialization,jndi,ldap,xpath;"),
                all.stderr());
        for (String type : FILE_AND_OTHER_TYPES) {
            assertTrue(all.stderr().contains("instrumented " + type + "\n"), type + " instrumented by default");
        }

        AppRun.Result some = AppRun.of(jdk, BehaviourApp.class)
                .withAgent("exporter=console,app.packages=com.example,debug=true,sinks=jdbc;net")
                .args(work, closedPort).run().assertSucceeded();
        assertTrue(some.stderr().contains(" watching jdbc,net;"), some.stderr());
        for (String type : FILE_AND_OTHER_TYPES) {
            assertFalse(some.stderr().contains("instrumented " + type + "\n"), type + " left untouched:\n" + some.stderr());
        }
        Set<String> kinds = some.newKeys().stream().map(k -> k.path("kind").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("jdbc", "net"), kinds, some::describeKeys);
        assertEquals(all.stdout(), some.stdout(), "the application's own output is the same");
    }
}
