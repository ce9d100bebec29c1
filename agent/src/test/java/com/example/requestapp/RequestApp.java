package com.example.requestapp;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A servlet app (embedded Tomcat, jakarta API) whose SQL injection runs on the request thread, on an executor's
 * thread ({@code submit}) and on the common pool ({@code CompletableFuture.supplyAsync}). It calls itself with the
 * requests given as arguments ({@code path?name=value}, in order), prints one line per response
 * ({@code <path> <status> <body>}), then runs the last value's query from the main thread on the same one-thread
 * executor, which must not be taken for the request's work.
 *
 * <p>Its own error handling: a failed query answers 500 "query failed: " and the exception's class.
 */
public final class RequestApp {
    private static Connection db;
    private static final ExecutorService POOL = Executors.newSingleThreadExecutor();

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
        Context context = tomcat.addContext("", home.toString());
        add(context, "/direct", new Direct());
        add(context, "/pool", new Pool());
        add(context, "/async", new Async());
        add(context, "/cart", new Cart());
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        String last = null;
        for (String request : args) {
            if (request.equals("/cart")) {
                System.out.println("/cart " + postCart(port));
                continue;
            }
            int q = request.indexOf('=');
            last = request.substring(q + 1);
            String url = "http://127.0.0.1:" + port + request.substring(0, q + 1)
                    + URLEncoder.encode(last, StandardCharsets.UTF_8);
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            int status = c.getResponseCode();
            byte[] body = (status < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes();
            System.out.println(request.substring(0, request.indexOf('?')) + " " + status + " "
                    + new String(body, StandardCharsets.UTF_8).trim());
        }
        String value = last;
        String fromMain = POOL.submit(() -> namesOnPool(value)).get(); // the pool thread serves no request now
        System.out.println("main " + fromMain);
        POOL.shutdown();
        tomcat.stop();
        tomcat.destroy();
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
        Tomcat.addServlet(context, name, servlet);
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
