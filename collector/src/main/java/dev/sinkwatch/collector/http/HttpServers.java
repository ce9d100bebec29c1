package dev.sinkwatch.collector.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A started Jetty 12 server serving {@link HttpHandler}s (the JDK's handler API, through Jetty's {@code http-spi}
 * adapter), with the limits a server reachable by untrusted clients needs (docs/collector.md, "HTTP servers"):
 *
 * <ul>
 *   <li>a connection idle for {@link Limits#idleTimeout} is closed, whether it is waiting for headers, for body
 *       bytes, or between requests; a body slower than {@link Limits#minRequestBytesPerSecond} is abandoned;</li>
 *   <li>at most {@link Limits#maxConnections} connections are open; beyond, new ones wait in the accept backlog;</li>
 *   <li>a request body is read whole before a worker runs the handler ({@link BufferedBodyHandler}), at most
 *       {@link Limits#maxBodyBytes} each and {@link Limits#maxBufferedBytes} together;</li>
 *   <li>{@code threads} workers (plus one acceptor and one selector); requests beyond wait, at most one per
 *       connection; idle or
 *       slow connections hold no thread (Jetty's selector watches them), so half-open connections and stalled
 *       uploads can no longer block a port, as four of them did with the JDK's {@code HttpServer}.</li>
 * </ul>
 *
 * <p>Close stops accepting, lets requests in flight finish for up to {@link #stopDelaySeconds(int)} (1 s), then stops the
 * workers; closing twice is harmless.
 */
public final class HttpServers implements AutoCloseable {

    /** A path mounted on the server, optionally behind an authenticator. */
    public record Mount(String path, HttpHandler handler, Authenticator authenticator) {
        public static Mount open(String path, HttpHandler handler) {
            return new Mount(path, handler, null);
        }
    }

    /** Connection limits ({@code server.*} settings). */
    public record Limits(Duration idleTimeout, int maxConnections, long minRequestBytesPerSecond, int maxBodyBytes,
            long maxBufferedBytes) {
        public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(30), 1000, 1024, 16 << 20, 64L << 20);
    }

    /** Jetty logs every start and stop at INFO; held strongly so the level sticks (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger JETTY_LOG = java.util.logging.Logger.getLogger("org.eclipse.jetty");

    static {
        if (JETTY_LOG.getLevel() == null) {
            JETTY_LOG.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final JettyHttpServer adapter;
    private boolean started;
    private boolean closed;

    private HttpServers(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
        this.adapter = new JettyHttpServer(server, true);
    }

    /** Binds the port now (so it is known, e.g. with port 0) without serving; {@link #mount} then {@link #start}. */
    public static HttpServers bind(String name, String bind, int port, int threads) throws IOException {
        return bind(name, bind, port, threads, Limits.DEFAULTS);
    }

    public static HttpServers bind(String name, String bind, int port, int threads, Limits limits) throws IOException {
        // acceptor + selector + workers. Jetty's job queue stays unbounded (Jetty's own tasks go through it and
        // must not be refused); requests waiting in it are bounded by the connection limit.
        QueuedThreadPool pool = new QueuedThreadPool(threads + 2, Math.min(threads + 2, 4));
        pool.setName(name);
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        Server server = new Server(pool);
        server.setStopTimeout(1000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setMinRequestDataRate(limits.minRequestBytesPerSecond());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setHandler(new BufferedBodyHandler(new ContextHandlerCollection(), limits.maxBodyBytes(),
                limits.maxBufferedBytes()));
        connector.open();
        return new HttpServers(server, connector);
    }

    public HttpServers mount(Iterable<Mount> mounts) {
        for (Mount mount : mounts) {
            // A Jetty context path has no trailing slash ("/api" serves "/api" and "/api/...", as "/api/" did).
            String path = mount.path().length() > 1 && mount.path().endsWith("/")
                    ? mount.path().substring(0, mount.path().length() - 1) : mount.path();
            HttpContext context = adapter.createContext(path, mount.handler());
            if (mount.authenticator() != null) {
                context.setAuthenticator(mount.authenticator());
            }
        }
        return this;
    }

    public synchronized HttpServers start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server on port " + port() + " did not start: " + e.getMessage(), e);
        }
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
        return start(name, bind, port, threads, mounts(handlers, authenticator));
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public String host() {
        return connector.getHost();
    }

    /** How long {@link #close()} lets requests in flight finish. */
    public HttpServers stopDelaySeconds(int seconds) {
        server.setStopTimeout(seconds * 1000L);
        return this;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (started) {
                server.stop();
            } else {
                connector.close(); // releases the bound socket
            }
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server on port " + port() + " did not stop cleanly", e);
        }
    }
}
