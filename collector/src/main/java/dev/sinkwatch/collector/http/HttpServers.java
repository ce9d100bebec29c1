package dev.sinkwatch.collector.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A started JDK {@link HttpServer} with a bounded worker pool ({@code threads} named daemon threads, a queue of
 * 256 exchanges; beyond that the accepting thread runs the exchange itself, which slows accepting down instead of
 * failing). Close stops accepting, lets exchanges in flight finish for up to a second, then stops the workers.
 */
public final class HttpServers implements AutoCloseable {

    /** A path mounted on the server, optionally behind an authenticator. */
    public record Mount(String path, HttpHandler handler, Authenticator authenticator) {
        public static Mount open(String path, HttpHandler handler) {
            return new Mount(path, handler, null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpServers(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HttpServers start(String name, String bind, int port, int threads, Iterable<Mount> mounts)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 128);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), new NamedDaemonThreads(name), new ThreadPoolExecutor.CallerRunsPolicy());
        for (Mount mount : mounts) {
            HttpContext context = server.createContext(mount.path(), mount.handler());
            if (mount.authenticator() != null) {
                context.setAuthenticator(mount.authenticator());
            }
        }
        server.setExecutor(executor);
        server.start();
        return new HttpServers(server, executor);
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

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
