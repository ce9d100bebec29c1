package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import dev.sinkwatch.collector.http.ApiAccess;

/**
 * Who did an ack or approve: the name of the token the request carried ({@code api.write-tokens}), or
 * {@value ApiAccess#LOCAL} on a collector without tokens. Never something the caller writes in the body or a header.
 */
final class Actor {

    private Actor() {
    }

    static String of(HttpExchange exchange) {
        return exchange.getPrincipal() == null ? ApiAccess.LOCAL : exchange.getPrincipal().getUsername();
    }
}
