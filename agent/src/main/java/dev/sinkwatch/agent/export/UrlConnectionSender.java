package dev.sinkwatch.agent.export;

import dev.sinkwatch.agent.bootstrap.SinkBridge;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's OTLP/HTTP sender, on {@link HttpURLConnection}: {@link OtlpSink} sends its records with it directly
 * ({@link Settings}), the SDK's metric exporter through the SDK's sender interface ({@link Provider}). An OTLP POST
 * costs a few JDK classes, where the JDK's {@code HttpClient} (the SDK's own JDK sender) builds the default TLS
 * context and its selector threads even for {@code http://}, about 0.4 s of CPU and 20 MB at start-up.
 *
 * <p>Requests run one at a time on one daemon thread ({@code sinkwatch-otlp-http}, the agent's own, so its traffic
 * is never recorded), with a bounded number waiting: the SDK's metric reader waits for each export's result, so
 * its queue of {@value #QUEUE} only fills if an export times out; the agent's records ({@link OtlpSink}) are sent
 * without waiting and may queue more. A request that does not fit fails at once and is counted as dropped.
 * Retries follow the SDK's {@link RetryPolicy} (429, 502, 503, 504 and I/O errors other than an unknown host) with
 * jittered exponential backoff, and stop as soon as {@link #shutdown()} is called: a JVM that exits while the
 * collector is unreachable does not wait out the backoff.
 *
 * <p>Concurrency: {@link #closed} is written by the shutting-down thread and read by the sender thread; backoff
 * waits on {@code this} and is woken by shutdown.
 */
final class UrlConnectionSender implements HttpSender {
    private static final int QUEUE = 8;

    private final HttpSenderConfig config;
    private final RetryPolicy retry;
    private final ExecutorService executor;
    private final boolean ownExecutor;
    private volatile boolean closed;

    UrlConnectionSender(HttpSenderConfig config) {
        this(config, QUEUE);
    }

    /** A sender with room for {@code queue} requests waiting behind the one being sent. */
    UrlConnectionSender(HttpSenderConfig config, int queue) {
        this.config = config;
        this.retry = config.getRetryPolicy();
        ExecutorService given = config.getExecutorService();
        this.ownExecutor = given == null;
        this.executor = given != null ? given : new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(queue), UrlConnectionSender::agentThread);
    }

    private static Thread agentThread(Runnable task) {
        Thread thread = new Thread(() -> {
            SinkBridge.markAgentThread();
            task.run();
        }, "sinkwatch-otlp-http");
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void send(MessageWriter body, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        try {
            executor.execute(() -> {
                try {
                    sendWithRetries(body, onResponse, onError);
                } catch (Error error) {
                    onError.accept(error); // every request gets an outcome, even when the JVM is in trouble
                    throw error;
                }
            });
        } catch (RejectedExecutionException e) {
            onError.accept(new IOException("export queue full or sender shut down", e));
        }
    }

    private void sendWithRetries(MessageWriter body, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        int attempts = retry == null ? 1 : Math.max(1, retry.getMaxAttempts());
        long backoffNanos = retry == null ? 0 : retry.getInitialBackoff().toNanos();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= attempts || closed;
            try {
                Response response = post(body);
                if (last || !retryable(response.status)) {
                    onResponse.accept(response);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                if (last || !retryable(e)) {
                    onError.accept(e);
                    return;
                }
            }
            // Half the backoff fixed, half random: agents that lost the same collector do not retry in step.
            if (!backOff(backoffNanos / 2 + ThreadLocalRandom.current().nextLong(backoffNanos / 2 + 1))) {
                onError.accept(new IOException("sender shut down while retrying"));
                return;
            }
            backoffNanos = Math.min((long) (backoffNanos * retry.getBackoffMultiplier()),
                    retry.getMaxBackoff().toNanos());
        }
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    private boolean retryable(Exception e) {
        if (!(e instanceof IOException) || e instanceof UnknownHostException) {
            return false;
        }
        return retry.getRetryExceptionPredicate() == null || retry.getRetryExceptionPredicate().test((IOException) e);
    }

    /** Waits before the next attempt; false when the sender was shut down meanwhile. */
    private synchronized boolean backOff(long nanos) {
        long deadline = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0 && !closed; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !closed;
    }

    private Response post(MessageWriter body) throws IOException {
        URI endpoint = config.getEndpoint();
        HttpURLConnection connection = (HttpURLConnection) (config.getProxyOptions() == null
                ? endpoint.toURL().openConnection()
                : endpoint.toURL().openConnection(proxy(endpoint)));
        try {
            if (connection instanceof HttpsURLConnection && config.getSslContext() != null) {
                ((HttpsURLConnection) connection).setSSLSocketFactory(config.getSslContext().getSocketFactory());
            }
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(millis(config.getConnectTimeout().toMillis()));
            connection.setReadTimeout(millis(config.getTimeout().toMillis()));
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", config.getContentType());
            Map<String, List<String>> headers = config.getHeadersSupplier() == null ? null
                    : config.getHeadersSupplier().get();
            if (headers != null) {
                for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                    for (String value : header.getValue()) {
                        connection.addRequestProperty(header.getKey(), value);
                    }
                }
            }
            Compressor compressor = config.getCompressor();
            if (compressor == null) {
                connection.setFixedLengthStreamingMode(body.getContentLength());
                try (OutputStream out = connection.getOutputStream()) {
                    body.writeMessage(out);
                }
            } else {
                connection.setRequestProperty("Content-Encoding", compressor.getEncoding());
                connection.setChunkedStreamingMode(0);
                try (OutputStream out = compressor.compress(connection.getOutputStream())) {
                    body.writeMessage(out);
                }
            }
            int status = connection.getResponseCode();
            String message = connection.getResponseMessage();
            return new Response(status, message == null ? "" : message, readBody(connection, status));
        } finally {
            connection.disconnect(); // a fully read response has already returned its socket to the keep-alive cache
        }
    }

    private Proxy proxy(URI endpoint) {
        List<Proxy> proxies = config.getProxyOptions().getProxySelector().select(endpoint);
        return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    }

    private static int millis(long value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, value));
    }

    /** The response body, read to its end (so the connection can be reused) and kept up to the configured size. */
    private byte[] readBody(HttpURLConnection connection, int status) throws IOException {
        long max = config.getMaxResponseBodySize();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return new byte[0];
        }
        try (InputStream body = in) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = body.read(buffer)) != -1; ) {
                int keep = (int) Math.max(0, Math.min(n, (max <= 0 ? Long.MAX_VALUE : max) - kept.size()));
                kept.write(buffer, 0, keep);
            }
            return kept.toByteArray();
        }
    }

    @Override
    public CompletableResultCode shutdown() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        if (ownExecutor) {
            executor.shutdown(); // what is queued still runs, once, on the daemon thread; nothing waits for it
        }
        return CompletableResultCode.ofSuccess();
    }

    private static final class Response implements HttpResponse {
        final int status;
        private final String message;
        private final byte[] body;

        Response(int status, String message, byte[] body) {
            this.status = status;
            this.message = message;
            this.body = body;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public String getStatusMessage() {
            return message;
        }

        @Override
        public byte[] getResponseBody() {
            return body;
        }
    }

    /**
     * Plain HTTP(S) to one endpoint, no proxy, no compression: what the agent's own record export needs. Its own
     * headers' supplier, so that no lambda is spun for it.
     */
    static final class Settings implements HttpSenderConfig, Supplier<Map<String, List<String>>> {
        private final URI endpoint;
        private final Map<String, List<String>> headers;
        private final Duration timeout;
        private final Duration connectTimeout;
        private final RetryPolicy retry;

        Settings(URI endpoint, Map<String, List<String>> headers, Duration timeout, Duration connectTimeout,
                 RetryPolicy retry) {
            this.endpoint = endpoint;
            this.headers = headers;
            this.timeout = timeout;
            this.connectTimeout = connectTimeout;
            this.retry = retry;
        }

        @Override
        public URI getEndpoint() {
            return endpoint;
        }

        @Override
        public String getContentType() {
            return "application/x-protobuf";
        }

        @Override
        public Compressor getCompressor() {
            return null;
        }

        @Override
        public Duration getTimeout() {
            return timeout;
        }

        @Override
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        @Override
        public Supplier<Map<String, List<String>>> getHeadersSupplier() {
            return this;
        }

        @Override
        public Map<String, List<String>> get() {
            return headers;
        }

        @Override
        public ProxyOptions getProxyOptions() {
            return null;
        }

        @Override
        public RetryPolicy getRetryPolicy() {
            return retry;
        }

        @Override
        public SSLContext getSslContext() {
            return null;
        }

        @Override
        public X509TrustManager getTrustManager() {
            return null;
        }

        @Override
        public ExecutorService getExecutorService() {
            return null;
        }
    }

    /** Hands the SDK this sender; given to the exporters explicitly, so no service-loader scan chooses another. */
    static final class Provider implements HttpSenderProvider {
        @Override
        public HttpSender createSender(HttpSenderConfig config) {
            return new UrlConnectionSender(config);
        }
    }
}
