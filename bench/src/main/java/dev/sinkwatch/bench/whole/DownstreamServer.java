package dev.sinkwatch.bench.whole;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The service the workload service calls over loopback HTTP: {@code GET /item/<id>} answers 200 with a small JSON
 * body. Runs in the benchmark's own process, on the load generator's CPU, so the app's CPU does only the app's work.
 */
final class DownstreamServer implements AutoCloseable {

    private final HttpServer server;

    DownstreamServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "downstream");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/item/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/item/".length());
            byte[] body = ("{\"id\":\"" + id + "\",\"stock\":42,\"warehouse\":\"loopback\"}")
                    .getBytes(StandardCharsets.UTF_8);
            try (exchange) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
