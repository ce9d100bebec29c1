package dev.sinkwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/** Shared fixtures: findings, a settable clock, a recording HTTP server, polling with a deadline. */
final class TestSupport {

    private TestSupport() {
    }

    static Finding finding(String service, String detector, Severity severity, String target) {
        CallSite site = new CallSite("com.acme.OrderRepository.find", "OrderRepository.java", 42,
                List.of("com.acme.OrderRepository.find(OrderRepository.java:42)",
                        "com.acme.OrderService.place(OrderService.java:17)"), true);
        return new Finding(Detector.fromWireName(detector), severity, "New SQL shape at OrderRepository.find: " + target,
                new ServiceId(service, "1.4.2"), SinkKind.JDBC, "query", target, target, site,
                Map.of("observed", target, "baseline", "SELECT * FROM orders WHERE id = ?"), 1_700_000_000_000L);
    }

    static Finding finding() {
        return finding("checkout", "novelty.jdbc", Severity.CRITICAL, "SELECT * FROM users WHERE name = ? OR ?=?");
    }

    static AlertAttribution aiAttribution() {
        return new AlertAttribution("ai", "claude-code", "claude-sonnet-4", "0123456789abcdef0123",
                "src/main/java/com/acme/OrderRepository.java", 40, 48, "git-ai note, confidence high");
    }

    /** Waits until {@code condition} holds, failing with {@code message} after {@code timeout}. */
    static void await(Duration timeout, String message, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeout + ": " + message);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + message);
            }
        }
    }

    static long count(Database db, String sql, Object... args) {
        try (Connection connection = db.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(Database db, String sql, Object... args) {
        try (Connection connection = db.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** One request the recording server saw. */
    record Request(String method, String path, Map<String, List<String>> headers, String body, int answeredStatus) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    /**
     * A real HTTP server on 127.0.0.1 that records every request and answers from a script: queued statuses first
     * (e.g. 500, 500), then 200.
     */
    static final class RecordingServer implements AutoCloseable {
        final HttpServer server;
        final List<Request> requests = new CopyOnWriteArrayList<>();
        final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
        private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();

        RecordingServer(int port, Integer... firstStatuses) throws IOException {
            script.addAll(List.of(firstStatuses));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Integer scripted = script.poll();
                int status = scripted == null ? 200 : scripted;
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8), status);
                requests.add(request);
                arrivals.add(request);
                byte[] answer = (status == 200 ? "ok" : "scripted failure").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
        }

        static RecordingServer start(Integer... firstStatuses) throws IOException {
            return new RecordingServer(0, firstStatuses);
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url(String path) {
            return "http://127.0.0.1:" + port() + path;
        }

        List<Request> answered(int status) {
            return requests.stream().filter(r -> r.answeredStatus() == status).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
