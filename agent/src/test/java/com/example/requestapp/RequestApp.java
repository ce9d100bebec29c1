package com.example.requestapp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A servlet app (embedded Tomcat, jakarta API) whose SQL injection runs on the request thread, on an executor's
 * thread ({@code submit}) and on the common pool ({@code CompletableFuture.supplyAsync}). It calls itself with the
 * requests given as arguments ({@code path?name=value}, in order), prints one line per response
 * ({@code <path> <status> <body>}), then runs the last value's query from the main thread on the same one-thread
 * executor, which must not be taken for the request's work.
 *
 * <p>Asynchronous requests: {@code /started} continues on the container's pool ({@code AsyncContext.start});
 * {@code /wait} parks its request until {@code /publish} continues it on the executor, whose thread then serves it
 * while carrying {@code /publish}'s inputs (as a container's dispatch run on such a thread would). Tomcat runs one
 * request thread, so every request after {@code /publish} is served by the thread that served it.
 *
 * <p>Its own error handling: a failed query answers 500 "query failed: " and the exception's class.
 */
public final class RequestApp {
    private static Connection db;
    private static final ExecutorService POOL = Executors.newSingleThreadExecutor();
    private static final LinkedBlockingQueue<AsyncContext> PARKED = new LinkedBlockingQueue<>();
    private static final CountDownLatch CONTINUED = new CountDownLatch(1);
    private static final CountDownLatch PUBLISHED = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
        db = DriverManager.getConnection("jdbc:h2:mem:requests;DB_CLOSE_DELAY=-1");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(64))");
            s.execute("INSERT INTO users VALUES (1, 'alice'), (2, 'bob')");
        }
        Path home = Files.createTempDirectory("request-app");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(home.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("maxThreads", "1");
        tomcat.getConnector().setProperty("minSpareThreads", "1");
        Context context = tomcat.addContext("", home.toString());
        add(context, "/direct", new Direct());
        add(context, "/pool", new Pool());
        add(context, "/async", new Async());
        add(context, "/cart", new Cart());
        add(context, "/started", new Started());
        add(context, "/wait", new Wait());
        add(context, "/publish", new Publish());
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        String last = null;
        Thread waiting = null;
        String[] waited = new String[1];
        for (String request : args) {
            if (request.equals("/cart")) {
                System.out.println("/cart " + postCart(port));
                continue;
            }
            int q = request.indexOf('=');
            last = request.substring(q + 1);
            if (request.startsWith("/wait")) { // answered once /publish continues it
                waiting = new Thread(() -> waited[0] = get(port, request));
                waiting.start();
                for (int i = 0; i < 1000 && PARKED.isEmpty(); i++) {
                    Thread.sleep(10); // parked before /publish takes the one request thread
                }
                continue;
            }
            System.out.println(get(port, request));
            if (request.startsWith("/publish")) {
                PUBLISHED.countDown(); // /publish's service has ended: the parked request may go on
                waiting.join();
                System.out.println(waited[0]);
            }
        }
        String value = last;
        String fromMain = POOL.submit(() -> namesOnPool(value)).get(); // the pool thread serves no request now
        System.out.println("main " + fromMain);
        POOL.shutdown();
        tomcat.stop();
        tomcat.destroy();
    }

    /** {@code <path> <status> <body>} of a GET of {@code path?name=value}, the value URL-encoded. */
    private static String get(int port, String request) {
        try {
            int q = request.indexOf('=');
            String url = "http://127.0.0.1:" + port + request.substring(0, q + 1)
                    + URLEncoder.encode(request.substring(q + 1), StandardCharsets.UTF_8);
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            int status = c.getResponseCode();
            byte[] body = (status < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes();
            return request.substring(0, request.indexOf('?')) + " " + status + " "
                    + new String(body, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return request + " failed: " + e;
        }
    }

    static String namesStarted(String name) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM users WHERE name = '" + name + "'")) { // @sink:started
            return names(rs);
        }
    }

    static String namesContinued(String name) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM users WHERE name = '" + name + "'")) { // @sink:continued
            return names(rs);
        }
    }

    /** The injectable query, at three call sites: one per thread the work runs on. */
    static String namesOnRequestThread(String name) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM users WHERE name = '" + name + "'")) { // @sink:direct
            return names(rs);
        }
    }

    static String namesOnPool(String name) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM users WHERE name = '" + name + "'")) { // @sink:pool
            return names(rs);
        }
    }

    static String namesOnCommonPool(String name) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM users WHERE name = '" + name + "'")) { // @sink:async
            return names(rs);
        }
    }

    private static String names(ResultSet rs) throws SQLException {
        StringBuilder found = new StringBuilder();
        while (rs.next()) {
            found.append(rs.getString(1)).append(' ');
        }
        return found.toString().trim();
    }

    /** Posts a serialized list as the body of {@code /cart}; returns the status and the answer. */
    private static String postCart(int port) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("apple", "pear")));
        }
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/cart").toURL()
                .openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes.toByteArray());
        }
        int status = c.getResponseCode();
        return status + " " + new String((status < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes(),
                StandardCharsets.UTF_8).trim();
    }

    private static void add(Context context, String path, HttpServlet servlet) {
        String name = servlet.getClass().getSimpleName();
        Tomcat.addServlet(context, name, servlet).setAsyncSupported(true);
        context.addServletMappingDecoded(path, name);
    }

    /** The app's own error handling: a failed query is a 500 naming the exception's class. */
    private static void answer(HttpServletResponse response, Callable work) throws IOException {
        String body;
        try {
            body = "found: " + work.call();
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            response.setStatus(500);
            body = "query failed: " + cause.getClass().getName();
        }
        response.setContentType("text/plain");
        response.getWriter().write(body);
    }

    interface Callable {
        String call() throws Exception;
    }

    static final class Direct extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            answer(response, () -> namesOnRequestThread(request.getParameter("name")));
        }
    }

    static final class Pool extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String name = request.getParameter("name");
            answer(response, () -> POOL.submit(() -> namesOnPool(name)).get());
        }
    }

    /** Deserializes the request body (the vulnerability), then a copy it made itself (not the request's). */
    static final class Cart extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            answer(response, () -> {
                ObjectInputStream in = new ObjectInputStream(request.getInputStream());
                Object cart = in.readObject(); // @sink:cart
                ByteArrayOutputStream copy = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(copy)) {
                    out.writeObject(cart);
                }
                Object again = new ObjectInputStream(new ByteArrayInputStream(copy.toByteArray())).readObject(); // @sink:cart-copy
                return String.valueOf(again);
            });
        }
    }

    /** Continues on the container's pool through {@code AsyncContext.start}. */
    static final class Started extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            String name = request.getParameter("name");
            AsyncContext async = request.startAsync();
            async.start(() -> {
                try {
                    answer((HttpServletResponse) async.getResponse(), () -> namesStarted(name));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** Parks the request, to be continued by {@code /publish}. */
    static final class Wait extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            PARKED.add(request.startAsync());
        }
    }

    /**
     * Continues the parked request on the executor: its servlet's {@code service} runs on a thread that carries this
     * request's inputs, and this request ends while it runs there.
     */
    static final class Publish extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                AsyncContext parked = PARKED.poll(10, TimeUnit.SECONDS);
                POOL.execute(() -> {
                    try {
                        new Continued().service(parked.getRequest(), parked.getResponse());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        parked.complete();
                    }
                });
                CONTINUED.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.getWriter().write("published");
        }
    }

    /** The parked request's own servlet, run on the executor's thread; waits until {@code /publish} has ended. */
    static final class Continued extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            CONTINUED.countDown();
            try {
                PUBLISHED.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(response, () -> namesContinued(request.getParameter("name")));
        }
    }

    static final class Async extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String name = request.getParameter("name");
            answer(response, () -> CompletableFuture.supplyAsync(() -> {
                try {
                    return namesOnCommonPool(name);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get());
        }
    }
}
