package dev.sinkwatch.collector.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A started JDK {@link HttpServer} with a bounded worker pool ({@code threads} named daemon threads, a queue of
 * 256 exchanges; beyond that the accepting thread runs the exchange itself, which slows accepting down instead of
 * failing). Close stops accepting, lets exchanges in flight finish for up to a second, then stops the workers;
 * closing twice is harmless.
 */
public final class HttpServers implements AutoCloseable {

    /** A path mounted on the server, optionally behind an authenticator. */
    public record Mount(String path, HttpHandler handler, Authenticator authenticator) {
        public static Mount open(String path, HttpHandler handler) {
            return new Mount(path, handler, null);
        }
    }

    static {
        // Headers and body go out in separate writes; with Nagle on, every response waits for the peer's delayed
        // ACK (~40 ms). Read by the JDK server when its first instance is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile int stopDelaySeconds = 1;
    private boolean started;
    private boolean closed;

    private HttpServers(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds the port now (so it is known, e.g. with port 0) without serving; {@link #mount} then {@link #start}. */
    public static HttpServers bind(String name, String bind, int port, int threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 128);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), new NamedDaemonThreads(name), new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        return new HttpServers(server, executor);
    }

    public HttpServers mount(Iterable<Mount> mounts) {
        for (Mount mount : mounts) {
            HttpContext context = server.createContext(mount.path(), mount.handler());
            if (mount.authenticator() != null) {
                context.setAuthenticator(mount.authenticator());
            }
        }
        return this;
    }

    public synchronized HttpServers start() {
        server.start();
        started = true;
        return this;
    }

    public static HttpServers start(String name, String bind, int port, int threads, Iterable<Mount> mounts)
            throws IOException {
        return bind(name, bind, port, threads).mount(mounts).start();
    }

    public static List<Mount> mounts(Map<String, HttpHandler> handlers, Authenticator authenticator) {
        return handlers.entrySet().stream().map(e -> new Mount(e.getKey(), e.getValue(), authenticator)).toList();
    }

    public static HttpServers start(String name, String bind, int port, int threads, Map<String, HttpHandler> handlers,
            Authenticator authenticator) throws IOException {
        return start(name, bind, port, threads, handlers.entrySet().stream()
                .map(e -> new Mount(e.getKey(), e.getValue(), authenticator)).toList());
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    /** How long {@link #close()} lets exchanges in flight finish (the JDK server may wait that long even when idle). */
    public HttpServers stopDelaySeconds(int seconds) {
        this.stopDelaySeconds = seconds;
        return this;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            server.stop(stopDelaySeconds);
        } else {
            server.stop(0); // releases the bound socket
        }
        executor.shutdownNow();
    }
}
