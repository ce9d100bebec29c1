package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwatch.collector.testing.AgentRecords;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that open and then stall (headers half sent, or a body promised and never sent) must not take the
 * ports away from agents and monitoring: with 200 of them open on each port, the real collector still ingests and
 * answers {@code /healthz}. (With the JDK {@code HttpServer} and 4 threads, four such connections froze a port.)
 */
class SlowClientsIT {

    @TempDir
    Path work;

    @Test
    @DisplayName("200 half-open connections per port leave ingest and /healthz answering")
    void halfOpenConnectionsDoNotBlockThePorts() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try (CollectorProcess collector = CollectorProcess.start(List.of("--data-dir",
                work.resolve("data").toString()))) {
            int apiPort = collector.apiPort();
            for (int i = 0; i < 100; i++) {
                stalled.add(stall(collector.otlpPort(), "POST /v1/logs HTTP/1.1\r\nHost: x\r\n")); // headers cut
                stalled.add(stall(collector.otlpPort(), "POST /v1/logs HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + "application/x-protobuf\r\nContent-Length: 100000\r\n\r\n\n\u0001")); // body never sent
                stalled.add(stall(apiPort, "GET /healthz HTTP/1.1\r\nHo"));
                stalled.add(stall(apiPort, "POST /api/alerts/x/ack HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{"));
            }
            Api api = collector.api();
            for (int round = 0; round < 3; round++) {
                assertTrue(api.healthy(), "/healthz answers with " + stalled.size() + " stalled connections open");
                assertTrue(CrashSafetyIT.shellExec("slow-" + round).export(collector.otlpUrl(), "none"),
                        "ingest accepts with the stalled connections open");
            }
            assertNotNull(api.awaitAlert(a -> a.get("service").get("name").asText().equals("slow-2"), 60_000),
                    "what was ingested meanwhile was detected");
            for (Socket s : stalled) {
                assertTrue(!s.isClosed(), "the stalled connections were still open during the checks");
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    private static Socket stall(int port, String partialRequest) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        OutputStream out = socket.getOutputStream();
        out.write(partialRequest.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }
}
