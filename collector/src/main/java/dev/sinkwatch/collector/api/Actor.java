package dev.sinkwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Who did an ack or approve: {@code {"by": "..."}} in the body, else the {@code X-Sinkwatch-User} header, else "api". */
final class Actor {

    private Actor() {
    }

    static String of(HttpExchange exchange) throws IOException {
        byte[] body = Json.readBody(exchange);
        if (body.length > 0) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("body must be JSON like {\"by\": \"alice\"}");
            }
            if (node != null && node.hasNonNull("by") && !node.get("by").asText().isBlank()) {
                return node.get("by").asText();
            }
        }
        String header = exchange.getRequestHeaders().getFirst("X-Sinkwatch-User");
        return header == null || header.isBlank() ? "api" : header;
    }
}
