package dev.sinkwatch.agent.it;

import com.example.sinkapp.BehaviourApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent never changes what the application does: the same results and the same exceptions, with a collector
 * that is unreachable or that accepts connections and never answers, and on every JDK.
 */
class HarmlessIT {
    /** A port nothing listens on: bound then closed. */
    private static int closedPort;
    /** Accepts connections and never answers: a collector that hangs. */
    private static ServerSocket hangingCollector;
    private static final List<Socket> held = new ArrayList<>();

    @BeforeAll
    static void ports() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        hangingCollector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!hangingCollector.isClosed()) {
                try {
                    Socket s = hangingCollector.accept(); // held open, never read or answered
                    synchronized (held) {
                        held.add(s);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        }, "hanging-collector");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void close() throws Exception {
        hangingCollector.close();
        synchronized (held) {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void resultsAndExceptionsAreTheSameWithAndWithoutTheAgent(Jdk jdk, @TempDir Path work) throws Exception {
        AppRun.Result without = AppRun.of(jdk, BehaviourApp.class).args(work, closedPort).run().assertSucceeded();
        AppRun.Result console = AppRun.of(jdk, BehaviourApp.class).withAgent("exporter=console,app.packages=com.example")
                .args(work, closedPort).run().assertSucceeded();

        assertTrue(without.stdout().contains("bad sql threw org.h2.jdbc.JdbcSQLSyntaxErrorException"), without.stdout());
        assertTrue(without.stdout().contains("closed port threw java.net.ConnectException"), without.stdout());
        assertEquals(without.stdout(), console.stdout());
        assertTrue(console.newKeys().size() > 10, "the agent saw the calls:\n" + console.describeKeys());
        assertTrue(console.newKeys().stream().anyMatch(k -> k.path("outcome").asText().equals("error")
                        && k.path("attributes").path("error.type").asText().equals("java.io.FileNotFoundException")),
                "a failed call is recorded as an error:\n" + console.describeKeys());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anUnreachableCollectorChangesNothing(Jdk jdk, @TempDir Path work) throws Exception {
        AppRun.Result without = AppRun.of(jdk, BehaviourApp.class).args(work, closedPort, 1500).run().assertSucceeded();
        AppRun.Result unreachable = AppRun.of(jdk, BehaviourApp.class)
                .withAgent("exporter=otlp,endpoint=http://127.0.0.1:" + closedPort + ",export.interval=500ms")
                .args(work, closedPort, 1500).run().assertSucceeded();
        assertEquals(without.stdout(), unreachable.stdout());
        assertTrue(unreachable.stderr().contains("cannot export to the collector"), unreachable.stderr());
        assertFalse(unreachable.stderr().contains("Exception"), "the agent reports calmly, without stack traces:\n"
                + unreachable.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aCollectorThatNeverAnswersNeitherBlocksNorHoldsTheApplication(Jdk jdk, @TempDir Path work) throws Exception {
        AppRun.Result without = AppRun.of(jdk, BehaviourApp.class).args(work, closedPort, 1500).run().assertSucceeded();
        AppRun.Result hanging = AppRun.of(jdk, BehaviourApp.class)
                .withAgent("exporter=otlp,endpoint=http://127.0.0.1:" + hangingCollector.getLocalPort()
                        + ",export.interval=500ms")
                .args(work, closedPort, 1500)
                .timeoutSeconds(60) // the export timeout is 5 s and shutdown waits at most 5 s: far below this
                .run().assertSucceeded();
        assertEquals(without.stdout(), hanging.stdout());
    }

    /**
     * No writable temporary directory used to stop the agent (it wrote its bridge jar there). The bridge is now
     * defined in the boot loader without a file: the agent starts, and the application runs as without it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void withoutATemporaryDirectoryTheAgentStillStartsAndTheApplicationRunsTheSame(Jdk jdk, @TempDir Path work)
            throws Exception {
        AppRun.Result without = AppRun.of(jdk, BehaviourApp.class).args(work, closedPort).run().assertSucceeded();
        AppRun.Result noTmp = AppRun.of(jdk, BehaviourApp.class).withAgent("exporter=console")
                .jvmArg("-Djava.io.tmpdir=" + work.resolve("no-such-directory"))
                .args(work, closedPort).run().assertSucceeded();
        assertEquals(without.stdout(), noTmp.stdout());
        assertFalse(noTmp.stderr().contains("[sinkwatch] ERROR"), noTmp.stderr());
        assertTrue(noTmp.stderr().contains("[sinkwatch] application code: "), noTmp.stderr());
    }

    /** Memory is bounded: past the key cap, calls are counted under one overflow key per operation. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void pastTheKeyCapCallsGoToOverflowKeys(Jdk jdk, @TempDir Path work) throws Exception {
        AppRun.Result capped = AppRun.of(jdk, BehaviourApp.class)
                .withAgent("exporter=console,app.packages=com.example,keys.max=4")
                .args(work, closedPort).run().assertSucceeded();
        long normal = capped.newKeys().stream().filter(k -> !k.path("target").asText().equals("(overflow)")).count();
        long overflow = capped.newKeys().stream().filter(k -> k.path("target").asText().equals("(overflow)")).count();
        assertEquals(4, normal, capped::describeKeys);
        assertTrue(overflow > 0, capped::describeKeys);
        assertTrue(capped.newKeys().stream().filter(k -> k.path("target").asText().equals("(overflow)"))
                .allMatch(k -> k.path("callSite").path("method").asText().equals("Overflow")), capped::describeKeys);
    }
}
