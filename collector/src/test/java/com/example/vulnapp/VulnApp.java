package com.example.vulnapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import javax.naming.InitialContext;
import javax.xml.parsers.DocumentBuilderFactory;
import org.xml.sax.InputSource;

/**
 * A deliberately vulnerable web app (plain servlets on embedded Tomcat) for the input-correlation tests: every
 * endpoint passes a query parameter to a sink, some safely and some not. Never deploy it.
 *
 * <p>Usage: {@code VulnApp <home>}; prints {@code ready <port>} once it listens on 127.0.0.1 (an ephemeral port),
 * and stops when its standard input closes. Every sink stays on this machine: SQL goes to an in-memory H2, commands
 * are {@code echo}, {@code ls} and whatever an attack adds ({@code id}), files are read, never written, outside
 * {@code home}, and the "fetch" endpoints only reach loopback (the test maps {@code metadata.google.internal} to
 * 127.0.0.1 with {@code -Djdk.net.hosts.file}, so no packet goes to a metadata address).
 */
public final class VulnApp {

    private static Connection db;
    private static Path home;
    private static int port;

    private VulnApp() {
    }

    public static void main(String[] args) throws Exception {
        home = Path.of(args[0]);
        Files.createDirectories(home.resolve("files"));
        Files.writeString(home.resolve("files/report.txt"), "quarterly numbers\n");
        db = DriverManager.getConnection("jdbc:h2:mem:vuln;DB_CLOSE_DELAY=-1");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(64))");
            s.execute("INSERT INTO users VALUES (1, 'alice'), (2, 'O''Brien')");
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(home.resolve("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", home.toString());
        add(context, "/users", new Users());
        add(context, "/users/safe", new UsersSafe());
        add(context, "/orders", new Orders());
        add(context, "/search", new Search());
        add(context, "/item", new Item());
        add(context, "/echo", new Echo());
        add(context, "/echo/safe", new EchoSafe());
        add(context, "/list", new ListDir());
        add(context, "/tool", new Tool());
        add(context, "/file", new ReadFile());
        add(context, "/fetch", new Fetch());
        add(context, "/fetch/status", new FetchStatus());
        add(context, "/admin", new Admin());
        add(context, "/xml", new Xml());
        add(context, "/cart", new Cart());
        add(context, "/fetch/json", new JsonFetch());
        add(context, "/lookup", new Lookup());
        MoreSinks.addTo(context, home, db);
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
        System.out.println("ready " + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the test closes our standard input
        }
        tomcat.stop();
        System.exit(0);
    }

    private static void add(Context context, String path, HttpServlet servlet) {
        String name = servlet.getClass().getSimpleName();
        Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(path, name);
    }

    private static void answer(HttpServletResponse response, String body) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().println(body);
    }

    private static void failed(HttpServletResponse response, Exception e) throws IOException {
        response.setStatus(500);
        answer(response, "error: " + e.getClass().getSimpleName());
    }

    // Each servlet calls its sink itself, so each is a call site of its own.
    private static String rows(ResultSet rs) throws Exception {
        try (rs) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n + " rows";
        }
    }

    private static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** SQL injection by string concatenation into a literal. */
    static final class Users extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String sql = "SELECT id, name FROM users WHERE name = '" + req.getParameter("name") + "'";
                answer(resp, rows(db.createStatement().executeQuery(sql)));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** The same lookup with a bound parameter: O'Brien is just a name. */
    static final class UsersSafe extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (PreparedStatement ps = db.prepareStatement("SELECT id, name FROM users WHERE name = ?")) {
                ps.setString(1, req.getParameter("name"));
                try (ResultSet rs = ps.executeQuery()) {
                    answer(resp, rs.next() ? "found" : "none");
                }
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** SQL injection through ORDER BY. */
    static final class Orders extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String sql = "SELECT id, name FROM users ORDER BY " + req.getParameter("sort");
                answer(resp, rows(db.createStatement().executeQuery(sql)));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** SQL injection through LIKE. */
    static final class Search extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String sql = "SELECT id FROM users WHERE name LIKE '%" + req.getParameter("q") + "%'";
                answer(resp, rows(db.createStatement().executeQuery(sql)));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** SQL injection into a number. */
    static final class Item extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String sql = "SELECT name FROM users WHERE id = " + req.getParameter("id");
                answer(resp, rows(db.createStatement().executeQuery(sql)));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** A shell the app runs on every request, the input single-quoted into its script (injectable with a quote). */
    static final class Echo extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                ProcessBuilder command = new ProcessBuilder("sh", "-c", "echo '" + req.getParameter("msg") + "'");
                answer(resp, output(command.redirectErrorStream(true).start()));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** The input as one argument, no shell: safe whatever it holds. */
    static final class EchoSafe extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                ProcessBuilder command = new ProcessBuilder("echo", req.getParameter("msg"));
                answer(resp, output(command.redirectErrorStream(true).start()));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** The input unquoted in a script. */
    static final class ListDir extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                ProcessBuilder command = new ProcessBuilder("sh", "-c", "ls " + req.getParameter("dir"));
                answer(resp, output(command.redirectErrorStream(true).start()));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** The input chooses the program (never exercised by benign traffic). */
    static final class Tool extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                ProcessBuilder command = new ProcessBuilder(req.getParameter("name"));
                answer(resp, output(command.redirectErrorStream(true).start()));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** Path traversal: the name joined to the files directory unchecked. */
    static final class ReadFile extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            File file = new File(home.resolve("files").toString() + "/" + req.getParameter("name"));
            try (InputStream in = new FileInputStream(file)) {
                answer(resp, in.readAllBytes().length + " bytes");
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** SSRF: fetches any URL; refuses names that do not resolve (before any connection). */
    static final class Fetch extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                URL url = URI.create(req.getParameter("url")).toURL();
                InetAddress.getByName(url.getHost());
                try (InputStream in = url.openStream()) {
                    answer(resp, in.readAllBytes().length + " bytes");
                }
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** SSRF through a JSON body: {@code {"url": ...}} read with Jackson, then fetched. */
    static final class JsonFetch extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String target = new com.fasterxml.jackson.databind.ObjectMapper().readTree(req.getInputStream())
                        .path("url").asText();
                URL url = URI.create(target).toURL();
                try (InputStream in = url.openStream()) {
                    answer(resp, in.readAllBytes().length + " bytes");
                }
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** The input only picks a path on the one allowed host. */
    static final class FetchStatus extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (InputStream in = URI.create("http://127.0.0.1:" + port + "/admin?page="
                    + java.net.URLEncoder.encode(req.getParameter("page"), StandardCharsets.UTF_8)).toURL()
                    .openStream()) {
                answer(resp, in.readAllBytes().length + " bytes");
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** What SSRF reaches: an internal page. */
    static final class Admin extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            answer(resp, "admin");
        }
    }

    /** XXE: parses XML with external entities on (the JDK default). */
    static final class Xml extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String text = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new InputSource(new StringReader(req.getParameter("doc")))).getDocumentElement()
                        .getTextContent();
                answer(resp, text.length() + " chars");
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** Gadget deserialization: a cart restored from the request. */
    static final class Cart extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] bytes = Base64.getUrlDecoder().decode(req.getParameter("data"));
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                answer(resp, String.valueOf(in.readObject()).length() + " chars");
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** JNDI injection: looks up whatever name it is given. */
    static final class Lookup extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                answer(resp, String.valueOf(new InitialContext().lookup(req.getParameter("name"))));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }
}
