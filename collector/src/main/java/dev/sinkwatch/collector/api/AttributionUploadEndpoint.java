package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code POST /api/attribution}: uploads an attribution index (as written by the {@code attribution} command). */
final class AttributionUploadEndpoint implements Endpoint {

    private final AttributionApi attribution;

    AttributionUploadEndpoint(AttributionApi attribution) {
        this.attribution = attribution;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String pattern() {
        return "attribution";
    }

    @Override
    public void handle(HttpExchange exchange, String id) throws IOException {
        byte[] body = JsonExchange.readBody(exchange);
        if (body.length == 0) {
            throw new IllegalArgumentException("empty body: upload an attribution index");
        }
        Object summary = attribution.upload(body, exchange.getRequestHeaders().getFirst("Content-Type"));
        JsonExchange.send(exchange, 200, summary);
    }
}
