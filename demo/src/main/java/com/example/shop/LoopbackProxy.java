package com.example.shop;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A stand-in forward proxy on 127.0.0.1: answers every request itself, forwards nothing. */
final class LoopbackProxy implements AutoCloseable {

    private final HttpServer server;

    private LoopbackProxy(HttpServer server) {
        this.server = server;
    }

    static LoopbackProxy start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"price\": 42, \"requested\": \"" + exchange.getRequestURI() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new LoopbackProxy(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
