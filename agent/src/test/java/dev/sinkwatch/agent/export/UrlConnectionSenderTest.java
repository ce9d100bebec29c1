package dev.sinkwatch.agent.export;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The agent's OTLP sender against a real HTTP server: body, headers, retries, and no retry once shut down. */
class UrlConnectionSenderTest {
    private static final byte[] BODY = "an OTLP request".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/logs", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(body, StandardCharsets.UTF_8));
            Integer status = statuses.poll();
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsTheBodyWithItsHeadersAndHandsBackTheResponse() throws Exception {
        UrlConnectionSender sender = new UrlConnectionSender(config(endpoint(), 1));
        HttpResponse response = (HttpResponse) send(sender).get(30, TimeUnit.SECONDS);
        sender.shutdown();

        assertEquals(200, response.getStatusCode());
        assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), response.getResponseBody());
        assertEquals(List.of("POST application/x-protobuf Bearer t0ken an OTLP request"), List.copyOf(requests));
    }

    @Test
    void retriesAnOverloadedCollectorThenSucceeds() throws Exception {
        statuses.add(503);
        UrlConnectionSender sender = new UrlConnectionSender(config(endpoint(), 3));
        Object outcome = send(sender).get(30, TimeUnit.SECONDS);
        sender.shutdown();

        assertEquals(200, ((HttpResponse) outcome).getStatusCode());
        assertEquals(2, requests.size(), "one 503, then the retry");
    }

    @Test
    void aShutdownEndsTheBackoffAndTheRetries() throws Exception {
        statuses.add(503);
        statuses.add(503);
        UrlConnectionSender sender = new UrlConnectionSender(config(endpoint(), 3, Duration.ofMinutes(10)));
        CompletableFuture<Object> outcome = send(sender);
        while (requests.isEmpty()) {
            Thread.sleep(10); // the first attempt reached the server; the sender now backs off for minutes
        }
        sender.shutdown();

        assertInstanceOf(IOException.class, outcome.get(30, TimeUnit.SECONDS), "the shutdown ends the wait");
        assertEquals(1, requests.size(), "no retry after shutdown");
    }

    @Test
    void nothingIsSentAfterShutdown() throws Exception {
        UrlConnectionSender sender = new UrlConnectionSender(config(endpoint(), 3));
        sender.shutdown();

        assertInstanceOf(IOException.class, send(sender).get(30, TimeUnit.SECONDS));
        assertEquals(0, requests.size());
    }

    @Test
    void anUnreachableCollectorIsAnErrorNotAnException() throws Exception {
        server.stop(0);
        UrlConnectionSender sender = new UrlConnectionSender(config(endpoint(), 1));
        Object outcome = send(sender).get(30, TimeUnit.SECONDS);
        sender.shutdown();

        assertInstanceOf(IOException.class, outcome);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs");
    }

    /** The response, or the throwable the sender reported. */
    private static CompletableFuture<Object> send(UrlConnectionSender sender) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        sender.send(new MessageWriter() {
            @Override
            public void writeMessage(OutputStream out) throws IOException {
                out.write(BODY);
            }

            @Override
            public int getContentLength() {
                return BODY.length;
            }
        }, outcome::complete, outcome::complete);
        return outcome;
    }

    private static HttpSenderConfig config(URI endpoint, int attempts) {
        return config(endpoint, attempts, Duration.ofMillis(10));
    }

    /** With {@code attempts == 1}, no retry policy at all (the SDK passes null when retries are off). */
    private static HttpSenderConfig config(URI endpoint, int attempts, Duration backoff) {
        RetryPolicy policy = attempts == 1 ? null : RetryPolicy.builder().setMaxAttempts(attempts)
                .setInitialBackoff(backoff).setMaxBackoff(backoff).build();
        return new UrlConnectionSender.Settings(endpoint, Map.of("Authorization", List.of("Bearer t0ken")),
                Duration.ofSeconds(10), Duration.ofSeconds(10), policy);
    }
}
