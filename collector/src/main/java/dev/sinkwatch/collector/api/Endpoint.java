package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One API operation: a method, a path pattern and the code that answers it. */
interface Endpoint {

    /** e.g. {@code GET} */
    String method();

    /** Path segments after {@code /api/}; {@code {id}} matches one segment. */
    String pattern();

    void handle(HttpExchange exchange, String id) throws IOException;
}
