package dev.sinkwatch.agent.it;

import com.example.sinkapp.SinkApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sinkwatch.agent.normalize.PathFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files, network (against a real local HTTP server and TCP listener), processes (real child processes),
 * deserialization and JNDI: each call keyed to the exact line of {@link SinkApp} that made it, on every JDK.
 */
class SinksIT {
    private static HttpServer http;
    private static ServerSocket tcp;

    @BeforeAll
    static void startServers() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        tcp = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!tcp.isClosed()) {
                try (Socket ignored = tcp.accept()) {
                    // accept and close
                } catch (Exception e) {
                    return;
                }
            }
        }, "it-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        http.stop(0);
        tcp.close();
    }

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everySinkCallIsKeyedToTheApplicationLineThatMadeIt(Jdk jdk, @TempDir Path work) throws Exception {
        Path dir = work.toRealPath();
        AppRun.Result run = AppRun.of(jdk, SinkApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args(dir, http.getAddress().getPort(), tcp.getLocalPort())
                .run().assertSucceeded();
        // Temp directory names carry digits, which paths fold: expect the folded form.
        String canary = PathFolder.fold(dir.resolve("canary.txt").toString());

        assertEquals(canary, only(run, "file", "write", "files-write").path("target").asText());
        assertEquals(canary, only(run, "file", "read", "file-read").path("target").asText());
        assertEquals(canary, only(run, "file", "read", "files-read").path("target").asText());
        assertEquals(PathFolder.fold(dir.toString()) + "/report-*-*-*.txt",
                only(run, "file", "write", "file-write").path("target").asText(), "digits in file names are folded");
        JsonNode traversal = only(run, "file", "read", "traversal");
        assertEquals(canary, traversal.path("target").asText());
        assertTrue(traversal.path("attributes").path("sinkwatch.path.traversal").asBoolean(), traversal::toString);
        assertEquals(PathFolder.fold(dir.toString()), only(run, "file", "list", "files-list").path("target").asText());
        only(run, "file", "rename", "file-rename");
        assertEquals(PathFolder.fold(dir.resolve("archived.txt").toString()), only(run, "file", "delete", "files-delete").path("target").asText());
        only(run, "file", "read", "thread-read");
        only(run, "file", "read", "pool-read");

        String tcpTarget = "127.0.0.1:" + tcp.getLocalPort();
        assertEquals(tcpTarget, only(run, "net", "connect", "socket").path("target").asText());
        assertEquals(tcpTarget, only(run, "net", "connect", "channel").path("target").asText());
        JsonNode datagram = only(run, "net", "send", "datagram");
        assertEquals("udp", datagram.path("attributes").path("network.transport").asText());
        assertEquals("localhost", only(run, "net", "resolve", "dns").path("target").asText());
        int port = http.getAddress().getPort();
        JsonNode urlConnection = only(run, "net", "http", "urlconnection");
        assertEquals("GET http://127.0.0.1:" + port + "/orders/*?token=?", urlConnection.path("target").asText());
        JsonNode httpClient = only(run, "net", "http", "httpclient");
        assertEquals("GET http://127.0.0.1:" + port + "/hello?user=?", httpClient.path("target").asText());
        assertEquals("GET", httpClient.path("attributes").path("http.request.method").asText());

        JsonNode process = only(run, "process", "exec", "process");
        assertEquals("true", process.path("attributes").path("process.executable.name").asText());
        JsonNode exec = only(run, "process", "exec", "runtime-exec");
        assertEquals("id -u", exec.path("target").asText(), "flags are kept in the command shape");

        List<JsonNode> deserialized = run.keysAt("deserialization", "resolve", "SinkApp.java",
                SourceMarkers.line(SinkApp.class, "deserialize"));
        assertTrue(deserialized.stream().anyMatch(k -> k.path("target").asText().equals("java.util.ArrayList")), run::describeKeys);
        assertTrue(deserialized.stream().anyMatch(k -> k.path("target").asText().equals(SinkApp.Order.class.getName())),
                run::describeKeys);

        JsonNode jndi = only(run, "jndi", "lookup", "jndi");
        assertEquals("ldap://127.0.0.1:1/<path>", jndi.path("target").asText());
        assertEquals("error", jndi.path("outcome").asText(), "nothing listens, so the lookup failed");

        assertFalse(run.console().contains("s3cr3t"), "a query-string value left the JVM");
        assertFalse(run.console().contains("alice"), "a query-string value left the JVM");
    }

    private static JsonNode only(AppRun.Result run, String kind, String operation, String label) {
        int line = SourceMarkers.line(SinkApp.class, label);
        List<JsonNode> keys = run.keysAt(kind, operation, "SinkApp.java", line);
        assertEquals(1, keys.size(), () -> "one " + kind + " " + operation + " key at SinkApp.java:" + line + " ("
                + label + "), got " + keys.size() + "; all keys:\n" + run.describeKeys());
        JsonNode key = keys.get(0);
        assertTrue(key.path("callSite").path("class").asText().startsWith(SinkApp.class.getName()), key::toString);
        assertEquals("app", key.path("attributes").path("sinkwatch.callsite.origin").asText(), key::toString);
        return key;
    }
}
