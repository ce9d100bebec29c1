package dev.sinkwatch.collector.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Optional;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** JSON in and out of an API exchange: request bodies (capped) and responses. */
final class JsonExchange {

    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .findAndRegisterModules();

    /** Largest request body the API reads (attribution indexes included). */
    static final int MAX_BODY_BYTES = 64 << 20;

    private JsonExchange() {
    }

    static void send(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The alert as JSON, or 404 naming the id: the answer of every {@code /api/alerts/{id}...} endpoint. */
    static void sendAlert(HttpExchange exchange, Optional<?> alert, String id) throws IOException {
        if (alert.isPresent()) {
            send(exchange, 200, alert.get());
        } else {
            error(exchange, 404, "no alert " + id);
        }
    }

    static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, Map.of("error", message, "status", status));
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }
}
