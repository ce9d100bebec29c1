package dev.sinkwatch.collector.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OTLP/HTTP request flow shared by the three signal endpoints: method and media type checks, the body within
 * its limits, decoding by the subclass, and the response in the request's encoding. Failures answer with a
 * {@code google.rpc.Status}; 429 and 503 carry {@code Retry-After}.
 */
abstract class OtlpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(OtlpHandler.class.getName());

    /** A successful export: the response message bytes and the outcome label. */
    record Reply(byte[] body, String outcome) {
    }

    final String signal;
    final IngestMetrics metrics;
    private final BodyReader bodyReader;
    private final int retryAfterSeconds;

    OtlpHandler(String signal, IngestSettings settings, IngestMetrics metrics) {
        this.signal = signal;
        this.metrics = metrics;
        this.bodyReader = new BodyReader(settings.maxBodyBytes(), settings.maxDecompressedBytes());
        this.retryAfterSeconds = settings.retryAfterSeconds();
    }

    /** Decodes and takes the payload; throws {@link IngestException} for a 4xx/5xx answer. */
    abstract Reply export(byte[] body, Encoding encoding) throws IngestException;

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        Encoding encoding = Encoding.PROTOBUF;
        try (exchange) {
            try {
                if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                    throw new IngestException(404, "not_found", "no such endpoint: " + exchange.getRequestURI().getPath());
                }
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    throw new IngestException(405, "method_not_allowed", "use POST");
                }
                Encoding requested = Encoding.fromContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
                if (requested == null) {
                    throw new IngestException(415, "unsupported", "unsupported Content-Type '"
                            + exchange.getRequestHeaders().getFirst("Content-Type")
                            + "' (application/x-protobuf or application/json)");
                }
                encoding = requested;
                byte[] body;
                try {
                    body = bodyReader.read(exchange);
                } catch (IngestException e) {
                    if (e.httpStatus() == 400) {
                        metrics.decodeError(signal);
                    }
                    throw e;
                }
                metrics.bytes(signal, body.length);
                Reply reply = export(body, encoding);
                send(exchange, 200, encoding, reply.body());
                metrics.request(signal, reply.outcome());
            } catch (IngestException e) {
                if (e.httpStatus() == 429 || e.httpStatus() == 503) {
                    exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
                }
                if (e.httpStatus() == 413) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                send(exchange, e.httpStatus(), encoding,
                        RpcStatus.encode(encoding, RpcStatus.grpcCode(e.httpStatus()), e.getMessage()));
                metrics.request(signal, e.outcome());
            } catch (IOException e) {
                metrics.request(signal, "io_error");
                throw e;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "internal error on /v1/" + signal, e);
                metrics.request(signal, "internal_error");
                send(exchange, 500, encoding, RpcStatus.encode(encoding, 13, "internal error: " + e));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Encoding encoding, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", encoding.contentType());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Protobuf or OTLP JSON into {@code builder}; a 400 with the parser's reason otherwise. */
    final void parse(byte[] body, Encoding encoding, com.google.protobuf.Message.Builder builder)
            throws IngestException {
        try {
            if (encoding == Encoding.JSON) {
                OtlpJson.merge(body, builder);
            } else {
                builder.mergeFrom(body);
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            metrics.decodeError(signal);
            throw new IngestException(400, "bad_request", "malformed protobuf: " + e.getMessage());
        } catch (IngestException e) {
            metrics.decodeError(signal);
            throw e;
        } catch (RuntimeException e) {
            metrics.decodeError(signal);
            throw new IngestException(400, "bad_request", "malformed payload: " + e);
        }
    }

    final byte[] response(com.google.protobuf.Message message, Encoding encoding) {
        return encoding == Encoding.JSON ? OtlpJson.print(message) : message.toByteArray();
    }
}
